"""admin/index.html: the page that loads the CMS, under a policy of its own.

Pages sends no headers, so the policy is a <meta>: scripts only from the site itself (the
CMS's bundle, copied at build), connections only to the site and GitHub's API, pictures
from the site, the editor's own uploads (blob:) and GitHub's avatars. The public pages'
policy is theirs (templates/base.html) and unchanged."""

from __future__ import annotations

from html import escape

from ..model.briefing import Briefing
from .bundle import FONT_STYLES

POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    # The CMS sets styles on its elements as it draws them.
    "style-src": "'self' 'unsafe-inline'",
    "font-src": "'self'",
    "img-src": "'self' blob: data: https://avatars.githubusercontent.com",
    # data: only for the CMS's own default logo, read as a data: URL.
    "connect-src": "'self' data: https://api.github.com",
    "frame-src": "blob:",  # previews of uploaded files
    "base-uri": "'none'",
    "form-action": "'none'",
}


# Run before the CMS: a request to any other site is answered here as failed, as the
# CMS expects offline (its hourly check for a newer version on unpkg.com, GitHub's status
# page), rather than left to the policy, which would block it too but say so in the
# console as an error. The policy stays the guard; this keeps the console for real errors.
OFFLINE = """// Briefing: the forms talk to this site and GitHub's API, and to nothing else.
(() => {
  const allowed = new Set([location.origin, "https://api.github.com"]);
  const fetchFrom = window.fetch.bind(window);
  window.fetch = (resource, options) => {
    const url = new URL(resource instanceof Request ? resource.url : String(resource),
      location.href);
    if (/^https?:$/.test(url.protocol) && !allowed.has(url.origin)) {
      return Promise.reject(new TypeError(`not fetched: ${url.origin} (the page's policy)`));
    }
    return fetchFrom(resource, options);
  };
})();
"""


def policy() -> str:
    return "; ".join(f"{name} {value}" for name, value in POLICY.items())


def admin_page(briefing: Briefing) -> bytes:
    """The forms' page: never indexed, never a referrer; the CMS's fonts (fonts.css, its
    own font styles' id: bundle.py), then offline.js, then the CMS."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="{escape(policy())}">
<title>Edit: {escape(briefing.title)}</title>
<link rel="stylesheet" id="{FONT_STYLES}" href="fonts.css">
<script src="offline.js"></script>
<script src="sveltia-cms.js"></script>
</head>
<body></body>
</html>
""".encode()
