"""Field types whose text is read as a typed value: a date or a moment, a change's
target, a count, true or false, a web address, a picture's source, a domain name, one of
some choices, a language tag. Each reports a value it cannot read at its spot."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

import yaml

from ..model.dates import parse_date, parse_moment
from ..reading import media
from .fields import Ref, Text
from .ids import SLUG_RE, slugify
from .suggestions import closest, suggest_id

LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


class Date(Text):
    expected = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"

    def __init__(self, day_only: bool = False):
        self.day_only = day_only

    def convert(self, value, node, r, name):
        date, why = parse_date(value)
        if date is None:
            return r.error(node, f"'{name}': '{value}' {why}")
        if self.day_only and date.precision != "day":
            return r.error(node, f"'{name}' must be a full date, YYYY-MM-DD (e.g. 2025-05-11)")
        return date

    def json_schema(self):
        year, month, day = r"[1-9]\d{3}", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
        if self.day_only:
            return {"type": "string", "pattern": rf"^\s*{year}-{month}-{day}\s*$"}
        return {"anyOf": [{"type": "string", "pattern": rf"^\s*{year}(-{month}(-{day})?)?\s*$"},
                          {"type": "integer", "minimum": 1000, "maximum": 9999}]}


class When(Text):
    """A change's `at`: a day, or a time with its offset (dates.Moment)."""

    expected = "a day (2025-05-16) or a time with its offset (2025-05-16T09:30+03:00)"

    def convert(self, value, node, r, name):
        moment, why = parse_moment(value)
        return moment if moment is not None else r.error(node, f"'{name}': '{value}' {why}")

    def json_schema(self):
        day = r"[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
        time = r"T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-](0\d|1[0-4]):[0-5]\d)"
        return {"type": "string", "pattern": rf"^\s*{day}({time})?\s*$"}


AFFECTABLE = ("actor", "event", "issue", "claim", "source", "article")


class Affected(Text):
    """What a change touched: `briefing`, or `kind:id` (`event:2025-05-16-talks`)."""

    expected = "briefing, or kind:id (actor, event, issue, claim, source or article)"

    def read(self, node, r, name):
        if (isinstance(node, yaml.MappingNode) and len(node.value) == 1
                and all(isinstance(n, yaml.ScalarNode) for n in node.value[0])):
            kind, item = (n.value for n in node.value[0])  # `[actor: ana]` is a mapping
            return r.error(node, f"'{name}': write '{kind}:{item}' with no space after the "
                           "':' (with one, YAML reads a field and its value)")
        return super().read(node, r, name)

    def convert(self, value, node, r, name):
        if value == "briefing":
            return Ref("briefing", "briefing", r.loc(node))
        kind, colon, item = value.partition(":")
        kind, item = kind.strip(), item.strip()
        if not colon or kind not in AFFECTABLE:
            guess = closest(kind, AFFECTABLE) if colon else None
            hint = (f" (did you mean '{guess}:{item}'?)" if guess
                    else " (did you mean 'briefing'?)" if closest(value, ["briefing"]) else "")
            return r.error(node, f"'{name}': '{value}' is not something a change can "
                           f"affect: write briefing, or kind:id with a kind of "
                           f"{', '.join(AFFECTABLE)}{hint}")
        if not SLUG_RE.fullmatch(item):
            fixed = slugify(item)
            hint = f" (did you mean '{kind}:{fixed}'?)" if fixed else ""
            return r.error(node, f"'{name}': '{item}' in '{value}' is not an id: use "
                           f"lower-case letters, digits and single hyphens{hint}")
        return Ref(kind, item, r.loc(node))

    def json_schema(self):
        return {"type": "string", "pattern": rf"^\s*(briefing|({'|'.join(AFFECTABLE)})\s*:"
                rf"\s*{SLUG_RE.pattern})\s*$"}


class Count(Text):
    expected = "a whole number, 1 or more"

    def convert(self, value, node, r, name):
        if value.isdigit() and value.isascii() and int(value) >= 1:
            return int(value)
        return r.error(node, f"'{name}' must be {self.expected}, not '{value}'")

    def json_schema(self):
        return {"type": "integer", "minimum": 1}


class Boolean(Text):
    expected = "true or false"

    def convert(self, value, node, r, name):
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        return r.error(node, f"'{name}' must be true or false, not '{value}'")

    def json_schema(self):
        return {"type": "boolean"}


def web_address(value: str) -> SplitResult | None:
    """A URL's parts; None for one Python cannot split ("https://[x": no IPv6 address)."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


class Url(Text):
    expected = "an http(s) URL"

    def convert(self, value, node, r, name):
        parts = web_address(value)
        if parts and parts.scheme in ("http", "https") and parts.netloc and not re.search(
                r"\s", value):
            return value
        return r.error(node, f"'{name}' must be a web address starting with https:// or "
                       f"http://, not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\s*https?://[^\s/?#]+[^\s]*\s*$"}


class SignIn(Url):
    """The sign-in worker's address (the CMS's `base_url`): it hands each editor a GitHub
    token, so https only; it is published in admin/config.yml, so no user name or
    password in it; the CMS adds its own path, so no query or fragment."""

    expected = "an https address with no password, query or fragment"

    def convert(self, value, node, r, name):
        parts = web_address(value)
        if (parts and parts.scheme == "https" and parts.hostname and "@" not in parts.netloc
                and not re.search(r"[\s?#]", value)):
            return value
        return r.error(node, f"'{name}' must be {self.expected} (the sign-in worker's, "
                       f"e.g. https://auth.example.org), not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\s*https://[^\s/?#@]+[^\s?#]*\s*$"}


class ImageSource(Text):
    """A picture in content/ or on an https host (media.py says which and why)."""

    expected = "a path inside content/ or an https URL"

    def convert(self, value, node, r, name):
        why = media.source_problem(value)
        return r.error(node, f"'{name}' {why}") if why else value

    def json_schema(self):
        return {"type": "string", "pattern": rf"^\s*(?:{media.LOCAL}|{media.REMOTE})\s*$"}


class Hostname(Text):
    expected = "a domain name such as briefing.example.org"

    def convert(self, value, node, r, name):
        if re.fullmatch(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
                        value.lower()):
            return value.lower()
        return r.error(node, f"'{name}' must be {self.expected} (no https://, no path), "
                       f"not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\s*(?=.{1,253}\s*$)([A-Za-z0-9]([A-Za-z0-9-]"
                r"{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\s*$"}


class Patterned(Text):
    """Text that must match PATTERN whole, the same regex in the JSON Schema; `fits`
    adds what a regex both read cannot say, `why` what the message adds."""

    PATTERN = ""
    why = ""

    def fits(self, value: str) -> bool:
        return re.fullmatch(self.PATTERN, value) is not None

    def convert(self, value, node, r, name):
        if self.fits(value):
            return value
        return r.error(node, f"'{name}' must be {self.expected}{self.why}, not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": rf"^\s*{self.PATTERN}\s*$"}


class Repository(Patterned):
    """A GitHub repository, owner/name: the one the CMS at /admin/ edits."""

    expected = "a GitHub repository, owner/name (e.g. newsroom/briefing)"
    PATTERN = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}"

    def fits(self, value):
        return super().fits(value) and not value.endswith((".git", "/.", "/.."))


class Folder(Patterned):
    """A folder inside the repository, relative to its root (content, or news/content)."""

    expected = "a folder in the repository, such as content"
    why = ": a path from the repository's root, with no leading or trailing '/'"
    PATTERN = r"[A-Za-z0-9_][A-Za-z0-9._-]*(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)*"  # no . or ..


class Branch(Patterned):
    """A git branch, as the CMS at /admin/ puts it into GitHub API paths unescaped: folders
    of letters, digits, '.', '_' and '-', none starting with '.' or '-', no '..', not
    ending in '.' or '.lock' (git's own rules, with no character a URL reads)."""

    expected = "a branch such as main or release/2025"
    PATTERN = Folder.PATTERN

    def fits(self, value):
        return super().fits(value) and ".." not in value and not value.endswith((".", ".lock"))

    def json_schema(self):
        return {"type": "string",
                "pattern": rf"^\s*(?!.*\.\.)(?!.*\.(?:lock)?\s*$){self.PATTERN}\s*$"}


class Choice(Text):
    def __init__(self, *choices: str):
        self.choices = choices
        self.expected = "one of " + ", ".join(choices)

    def convert(self, value, node, r, name):
        if value in self.choices:
            return value
        return r.error(node, f"'{name}' must be {self.expected}, not '{value}'"
                       f"{suggest_id(slugify(value) or value, self.choices, list_few=False)}")

    def json_schema(self):
        return {"enum": list(self.choices)}


class Language(Patterned):
    expected = "a language tag such as en, uk or pt-BR"
    PATTERN = LANGUAGE_RE.pattern
