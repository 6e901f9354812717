"""Find each quote in its article's text and mark the spot the quote links to.

Matching is on normalised text (white space folded, typographic quote marks,
apostrophes and dashes made plain), over each paragraph's text tokens, so the
typographer's curly quotes or a line break inside a quote do not hide it. A match is
wrapped in `<mark id="quote-N">` token by token, so it may cross emphasis safely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markdown_it.token import Token

FOLD = {**{c: "'" for c in "‘’‚‛′`"}, **{c: '"' for c in "“”„‟″«»"},
        **{c: "-" for c in "‐‑‒–—―−"}, "…": "..."}


def normalise(text: str) -> str:
    return Text.of([text]).norm


@dataclass(slots=True)
class Text:
    """A paragraph's normalised text, with each character's (token, offset) of origin."""

    norm: str
    origin: list[tuple[int, int]]

    @classmethod
    def of(cls, parts: list[str | None]) -> Text:
        chars: list[str] = []
        origin: list[tuple[int, int]] = []
        for index, part in enumerate(parts):
            if part is None:  # markup between texts: a boundary no match may cross oddly
                continue
            for offset, char in enumerate(part):
                folded = " " if char.isspace() else FOLD.get(char, char)
                if folded == " " and (not chars or chars[-1] == " "):
                    continue
                if folded == "-" and chars and chars[-1] == "-":
                    continue
                for piece in folded:
                    chars.append(piece)
                    origin.append((index, offset))
        while chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        return cls("".join(chars), origin)


def inline_parts(inline: Token) -> list[str | None]:
    parts: list[str | None] = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        else:
            parts.append(None)
    return parts


def mark_quotes(tokens: list[Token], quotes: list[str]) -> dict[str, str]:
    """Mark each quote where it occurs; return {quote text: anchor id} for those found.

    Anchors are numbered in the article's reading order, so they stay put when
    quotes are added elsewhere in the content.
    """
    inlines = [t for t in tokens if t.type == "inline"]
    texts = [Text.of(inline_parts(t)) for t in inlines]
    where: dict[str, tuple[int, int, int]] = {}
    for quote in quotes:
        found = find(texts, normalise(quote).strip())
        if found is not None:
            where[quote] = found
    ids = {span: f"quote-{n}" for n, span in enumerate(sorted(set(where.values())), 1)}
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for (block, start, end), anchor in ids.items():
        spans.setdefault(block, []).append((start, end, anchor))
    for block, block_spans in spans.items():
        wrap(inlines[block], texts[block], block_spans)
    return {quote: ids[span] for quote, span in where.items()}


def find(texts: list[Text], needle: str) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of the best occurrence of the normalised quote.

    An occurrence inside quote marks wins over an earlier one outside them (a short
    quote such as "immediately" may also occur in the reporter's own words). The
    sentence's end punctuation is the reporter's: "diplomacy." matches "diplomacy,".
    """
    for candidate in dict.fromkeys((needle, needle.rstrip(".,;:"))):
        if not candidate:
            continue
        first = None
        for block, text in enumerate(texts):
            at = text.norm.find(candidate)
            while at >= 0:
                span = (block, at, at + len(candidate))
                if at > 0 and text.norm[at - 1] in "'\"":
                    return span
                first = first or span
                at = text.norm.find(candidate, at + 1)
        if first is not None:
            return first
    return None


def wrap(inline: Token, text: Text, spans: list[tuple[int, int, str]]) -> None:
    """Split the paragraph's text tokens at span edges and wrap the pieces in <mark>.

    A span overlapping an earlier one gets its id on an empty anchor instead, so
    marks never interleave.
    """
    children = inline.children or []
    cuts: dict[int, set[int]] = {}
    marked: dict[tuple[int, int], str | None] = {}  # (token, start offset) → id or None
    anchors_at: dict[tuple[int, int], str] = {}
    taken: list[tuple[int, int]] = []
    for start, end, anchor in sorted(spans):
        first, last = text.origin[start], text.origin[end - 1]
        last = (last[0], last[1] + 1)
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            cuts.setdefault(first[0], set()).add(first[1])
            anchors_at[first] = anchor
            continue
        taken.append((start, end))
        for index in range(first[0], last[0] + 1):
            if children[index].type != "text":
                continue
            lo = first[1] if index == first[0] else 0
            hi = last[1] if index == last[0] else len(children[index].content)
            cuts.setdefault(index, set()).update((lo, hi))
            marked[(index, lo)] = anchor if index == first[0] else None
            marked[(index, -hi)] = None  # end of a marked piece
    inline.children = [piece for index, child in enumerate(children)
                       for piece in split(child, index, cuts.get(index), marked, anchors_at)]


def split(child: Token, index: int, cuts: set[int] | None,
          marked: dict[tuple[int, int], str | None], anchors_at: dict[tuple[int, int], str]
          ) -> list[Token]:
    if not cuts:
        return [child]
    content = child.content
    edges = sorted(cuts | {0, len(content)})
    out: list[Token] = []
    inside = False
    for lo, hi in zip(edges, edges[1:], strict=False):
        if (index, lo) in anchors_at:
            out.append(tag("span", 1, anchors_at[(index, lo)]))
            out.append(tag("span", -1))
        if (index, lo) in marked:
            out.append(tag("mark", 1, marked[(index, lo)]))
            inside = True
        out.append(Token("text", "", 0, content=content[lo:hi]))
        if inside and (index, -hi) in marked:
            out.append(tag("mark", -1))
            inside = False
    return out


def tag(name: str, nesting: int, anchor: str | None = None) -> Token:
    kind = "open" if nesting == 1 else "close"
    token = Token(f"{name}_{kind}", name, nesting)
    if anchor:
        token.attrSet("id", anchor)
    return token


CLOSE_ENOUGH = 0.5  # share of a quote's words a passage must have to be offered
SHOWN = 100  # characters of a passage shown in a message
LONGEST = 300  # characters of a quote compared: the start of a very long one will do
NEAR = 3  # words a run of matching words may stray from the longest run and still count
WORD_RE = re.compile(r"[^\W_]+")


def closest_passage(tokens: list[Token], quote: str) -> str:
    """Why a quote was not found, for the editor: the article's passage most like it
    and where the two differ ("the article has 'all-for-all', you wrote 'all for all'"),
    on the same normalised text the search compares.

    The passage is the run of the article's words that has most of the quote's words in
    order (words split at hyphens too, compared in lower case), by one alignment per
    paragraph: the longest run of matching words, and the runs in line with it."""
    needle = normalise(quote).strip()[:LONGEST]
    wanted = WORD_RE.findall(needle.lower())
    words = SequenceMatcher(None, autojunk=False)
    words.set_seq2(wanted)
    best: tuple[int, float, str] = (0, 0.0, "")
    for inline in (t for t in tokens if t.type == "inline"):
        matched, passage = aligned(Text.of(inline_parts(inline)).norm.split(), words)
        if matched and matched >= best[0]:
            best = max(best, (matched, SequenceMatcher(None, passage, needle).ratio(), passage))
    matched, _, passage = best
    if not wanted or matched < CLOSE_ENOUGH * len(wanted):
        return "no passage of the article is close to these words"
    shown = passage if len(passage) <= SHOWN else passage[:SHOWN - 1].rstrip() + "…"
    return f"the closest passage is '{shown}', where {difference(passage, needle)}"


def aligned(paragraph: list[str], words: SequenceMatcher) -> tuple[int, str]:
    """(how many of the quote's words the paragraph has in order, the passage holding
    them), `words` holding the quote's words as its second sequence."""
    found, owner = [], []  # each word's parts, and the paragraph word each is part of
    for n, word in enumerate(paragraph):
        parts = WORD_RE.findall(word.lower())
        found += parts
        owner += [n] * len(parts)
    words.set_seq1(found)
    blocks = [b for b in words.get_matching_blocks() if b.size]
    if not blocks:
        return 0, ""
    main = max(blocks, key=lambda b: b.size)
    kept = [b for b in blocks if abs((b.a - b.b) - (main.a - main.b)) <= NEAR]
    first = owner[min(b.a for b in kept)]
    last = owner[max(b.a + b.size for b in kept) - 1]
    return sum(b.size for b in kept), " ".join(paragraph[first:last + 1])


def difference(passage: str, needle: str) -> str:
    """The first place the article's words and the quote's differ, with a word either
    side of a word left out or added, so the editor can find it. The quote marks
    around the passage and its end punctuation are the reporter's, not the quote's."""
    has = passage.strip("'\"").rstrip(".,;:'\"").split()
    wrote = needle.rstrip(".,;:").split()
    for op, a1, a2, b1, b2 in SequenceMatcher(None, has, wrote, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "replace":  # a word missing on one side: show its neighbours
            a1, b1 = max(0, a1 - 1), max(0, b1 - 1)
            a2, b2 = min(len(has), a2 + 1), min(len(wrote), b2 + 1)
        return (f"the article has '{' '.join(has[a1:a2])}', you wrote "
                f"'{' '.join(wrote[b1:b2])}'")
    return "the words differ only in the quote marks around them"
