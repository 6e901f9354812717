"""Helpers shared by tests of every kind (none of them needs a browser)."""
