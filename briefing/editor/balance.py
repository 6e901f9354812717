"""`build.py balance`: how even-handed the briefing's sourcing is, side by side: the
stances each side states, how many cite a source and how many a verified quote, the
claims each side makes and contests, and their statuses. For editors, not a score:
even-handed sourcing, not false balance."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.briefing import Briefing
from ..model.positions import Claim
from ..model.values import Side
from ..reading.schema import CLAIM_STATUSES


@dataclass
class SideSourcing:
    """One side's stances (stated, with a source, with a verified quote) and the claims
    it makes and contests."""

    stances: int = 0
    sourced: int = 0
    quoted: int = 0
    made: list[Claim] = field(default_factory=list)
    contested: list[Claim] = field(default_factory=list)


def by_side(briefing: Briefing) -> dict[Side, SideSourcing]:
    out = {side: SideSourcing() for side in briefing.sides}
    for issue in briefing.issues:
        for stance in issue.stances:
            counts = out[stance.side]
            counts.stances += 1
            counts.sourced += bool(stance.sources)
            counts.quoted += bool(stance.quote and stance.quote.anchor)
    for claim in briefing.claims:
        for parties, role in ((claim.by, "made"), (claim.against, "contested")):
            for side in dict.fromkeys(a.party for a in parties if a.party):
                getattr(out[side], role).append(claim)
    return out


def statuses(claims: list[Claim]) -> str:
    counts = [(s, sum(c.status == s for c in claims)) for s in CLAIM_STATUSES]
    return ", ".join(f"{n} {CLAIM_STATUSES[s].lower()}" for s, n in counts if n) or "–"


def report(briefing: Briefing) -> str:
    """The balance as a Markdown table, for a terminal and a pull request's summary."""
    lines = ["## Balance of the briefing's sourcing", "",
             "| side | stances stated | with a source | with a verified quote | claims made "
             "| their statuses | claims contested | their statuses |",
             "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |"]
    for side, t in by_side(briefing).items():
        lines.append(f"| {side.name} | {t.stances} | {t.sourced} | {t.quoted} | "
                     f"{len(t.made)} | {statuses(t.made)} | {len(t.contested)} | "
                     f"{statuses(t.contested)} |")
    return "\n".join(lines) + "\n"
