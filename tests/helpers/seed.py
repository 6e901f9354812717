"""Helpers of the seed tests, shared by tests of more than one kind or file."""

from __future__ import annotations

PEOPLE = {"zelensky": "President of Ukraine", "putin": "President of Russia",
          "trump": "President of the United States",
          "starmer": "Prime Minister of the United Kingdom", "macron": "President of France",
          "merz": "Chancellor of Germany", "tusk": "Prime Minister of Poland",
          "steve-rosenberg": "Russia editor, BBC News"}
