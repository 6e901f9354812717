"""Small values the model's records are made of: rendered Markdown, a side, an image,
a link, what a translation leaves to the original, and the settings of the forms."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..problems import Loc


@dataclass(frozen=True, slots=True)
class Tx:
    """What of one record a translation leaves to the original: the fields not yet
    translated, and those translated from an earlier text (with today's original)."""

    lang: str  # the original's language, for `lang` on what is shown untranslated
    missing: tuple[str, ...] = ()  # sorted (not a set: see Change.adds)
    stale: tuple[tuple[str, str], ...] = ()  # (field, today's original)
    none: bool = False  # nothing of the record is translated

    def shows(self, name: str) -> str | None:
        """The language `name` is shown in when the original's, or None."""
        return self.lang if name in self.missing else None

    def original(self, name: str) -> str | None:
        """Today's original of a stale field, or None when the field is not stale."""
        return next((text for field_, text in self.stale if field_ == name), None)


@dataclass
class Tally:
    """A language's fields: translated, missing, stale (for `check`'s table)."""

    lang: str
    name: str
    machine: bool = False
    translated: int = 0
    missing: int = 0
    stale: int = 0


@dataclass(frozen=True, slots=True)
class Rich:
    """A Markdown field: what the editor wrote and the safe HTML it renders to."""

    source: str
    html: Markup

    def __html__(self) -> Markup:
        return self.html


@dataclass(frozen=True, slots=True)
class Side:
    id: str
    name: str
    short: str | None = None
    description: str | None = None
    accent: int = 0  # which of the stylesheet's side colours: 1, 2, … in briefing order
    tx: Tx | None = None  # in a translation: what is left untranslated

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True, slots=True)
class Image:
    src: str  # a path inside content/ (copied to the same path in the site) or https URL
    alt: str
    credit: str | None = None

    @property
    def is_local(self) -> bool:
        return not self.src.startswith("https://")


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Cms:
    """Editing in a browser (briefing.yaml's `cms`): the repository and branch the forms
    at /admin/ commit to, where the content folder is in it, and the sign-in worker."""

    repo: str
    branch: str = "main"
    folder: str = "content"
    login: str | None = None
    # Where briefing.yaml asks for it: a CMS not installed is said there.
    loc: Loc | None = field(default=None, compare=False)
