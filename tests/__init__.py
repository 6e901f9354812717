"""Tests, by kind: unit/ (in-process, fast), process/ (build.py, git, servers,
environments in processes of their own), browser/ (Chromium)."""
