"""Even-handed sourcing, not false balance: notes (never errors, never warnings: the
site shows each stance's sources to readers as they are) where one side's stance on an
issue has no source while another side's does, and where a claim is asserted and
contested only from one side's own sources.

Messages name sides without making possessives of their names ("the position of
United States", never "United States's position")."""

from __future__ import annotations

from ..model.briefing import Briefing
from ..problems import Problem


def balance_notes(briefing: Briefing) -> list[Problem]:
    problems = []
    for issue in briefing.issues:
        sourced = [s.side.name for s in issue.stances if s.sources]
        for stance in issue.stances:
            if not stance.sources and sourced and stance.loc is not None:
                problems.append(stance.loc.note(
                    f"the position of {stance.side.name} on '{issue.issue}' cites no source, "
                    f"while that of {sourced[0]} does: add 'sources:' so that each is as "
                    "well founded"))
    for claim in briefing.claims:
        parties = {a.source.side.id if a.source.side else None
                   for a in (*claim.by, *claim.against)}
        if len(parties) == 1 and None not in parties and claim.loc is not None:
            side = next(a.source.side for a in claim.by + claim.against)
            problems.append(claim.loc.note(
                f"claim '{claim.id}' is asserted and contested only in statements of one side "
                f"({side.name}): add an independent source, or one from another side"))
    return problems
