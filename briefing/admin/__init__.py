"""Editing in a browser: the forms at /admin/ (Sveltia CMS), written by `build` when
briefing.yaml asks for them (`cms`), their configuration made from the contract's
field tables."""

from __future__ import annotations

from pathlib import Path

from ..model.briefing import Briefing
from .bundle import bundle_files
from .config import config_text
from .page import OFFLINE, admin_page

FOLDER = "admin"


def admin_files(briefing: Briefing, project: Path) -> dict[str, bytes]:
    """admin/'s files by their paths in the site; none without `cms`. Raises BuildFailed
    when the CMS is not installed in `project` as published."""
    if briefing.cms is None:
        return {}
    files = {"index.html": admin_page(briefing), "config.yml": config_text(briefing),
             "offline.js": OFFLINE.encode(),
             **bundle_files(project, briefing.cms.loc)}
    return {f"{FOLDER}/{name}": data for name, data in files.items()}
