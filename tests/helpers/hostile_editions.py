"""Helpers of the hostile_editions tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import datetime as dt

from briefing.editions.archive import banner_words
from briefing.editions.banner import Stamp
from tests.helpers.common import TEMPLATES

WORDS = banner_words(TEMPLATES, dt.date(2025, 5, 11))
HOW = Stamp("https://example.org/", "../edition.css", WORDS)
# Pages whose stamp a browser would not read where the standard library's parser puts it.
UNSTAMPABLE = {
    "no <head> tag (browsers imply it)":
        '<!doctype html><html lang="en"><title>Frozen</title><p>no head tag</p>',
    "<head> and <body> inside <template>":
        '<!doctype html><html><template><head></head><body></template><title>t</title><p>x',
    "<body> inside <title>": "<html><head><title><body></title></head><p>x</p></html>",
    "<body> inside <textarea>": "<html><head></head><textarea><body></textarea>",
    "<body> inside <noscript>": "<html><head><noscript><body></noscript></head><body>x",
    "an escaped script reads on past its </script>":
        "<html><script><!--<script></script><head></head><body>x</body></html>",
    "a comment browsers end at --!>":
        "<!doctype html><!-- --!><template> --><html><head></head><body>x</body></html>",
    "<plaintext>": "<html><head></head><plaintext></plaintext><body>x",
}
