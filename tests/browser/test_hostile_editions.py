"""The hostile-repository suite, editions: what a tag's code can try when `build.py
editions` builds it, and what a folder of builds can hold when `--built` publishes it.

Attacks held here, each failing on the code before issue #23:
- a tag on a branch never merged into main is built (its code runs: it writes a file
  outside, reads a secret from the environment);
- a tag's code reads the caller's environment (a token, a secret) and publishes it;
- a tag's code finds the newsroom's repository through git and rewrites the live site
  and the cache, writes outside its output folder, leaves symbolic links to files and
  folders outside it in its output (published as the files they point at);
- a tag without requirements.lock is built with whatever its pyproject.toml allows;
- one edition failing stops the deploy (exit 1), and its output can forge workflow
  commands in a GitHub Actions run;
- an environment made on another machine (its interpreter's path gone) is used as it is;
- a folder of builds handed to `--built` holds links out, and an edition built from
  another commit;
- a dek with U+2028 and U+0085 moves the banner into <head> (the stamp counted lines by
  `str.splitlines`, the parser by "\\n");
- an edition publishes pages without the stamp (no `<head>` tag, or one a browser reads
  inside `<template>`, `<title>`, `<textarea>`, `<noscript>`, an escaped script or a
  comment the standard library's parser ends elsewhere), and files that run script by
  their own address (`.xhtml`, `.svg`, `.xml`);
- a tag's changes.yaml of a few hundred bytes of YAML aliases (a "billion laughs")
  exhausts the publishing job's memory, and one that is not UTF-8 fails it;
- a tag's change summaries bring invisible characters that reorder text (U+202E) to
  /editions/;
- names of files a build left and a failed build's output drive the terminal (escape
  sequences, a carriage return, a line of their own) and put links and images on the
  run's summary page (Markdown and HTML);
- a tag's code plants a later edition's folder, and a link where the manifest goes, in
  the folder `--build-only` builds into (one crashed every build; the other was written
  through);
- `publish_editions` into a folder Briefing did not build removes folders there named
  like its leftovers.

The tags' code here is a few lines of Python standing in for a tag's build.py, with a
lock that names nothing: an environment is made for it without an index, in well under
a second.
"""

from __future__ import annotations

import pytest

from briefing.editions.banner import Unstampable, stamp
from tests.helpers.hostile_editions import HOW, UNSTAMPABLE

pytestmark = pytest.mark.process


@pytest.mark.parametrize("page", UNSTAMPABLE.values(), ids=UNSTAMPABLE.keys())
def test_a_page_the_stamp_cannot_be_placed_in_for_sure_is_refused(page: str):
    with pytest.raises(Unstampable):
        stamp(page, HOW)
