"""Even-handed sourcing, not false balance: warnings (never errors) where one side's
stance on an issue has no source while another side's does, and where a claim is
asserted and contested only from one side's own sources."""

from __future__ import annotations

from ..problems import Problem
from .model import Briefing


def balance_warnings(briefing: Briefing) -> list[Problem]:
    problems = []
    for issue in briefing.issues:
        sourced = [s.side.name for s in issue.stances if s.sources]
        for stance in issue.stances:
            if not stance.sources and sourced and stance.loc is not None:
                problems.append(stance.loc.warning(
                    f"{stance.side.name}'s position on '{issue.issue}' cites no source, while "
                    f"{sourced[0]}'s does: add 'sources:' so each side's is as well founded"))
    for claim in briefing.claims:
        parties = {a.source.side.id if a.source.side else None
                   for a in (*claim.by, *claim.against)}
        if len(parties) == 1 and None not in parties and claim.loc is not None:
            side = next(a.source.side for a in claim.by + claim.against)
            problems.append(claim.loc.warning(
                f"claim '{claim.id}' is asserted and contested only from {side.name}'s own "
                "sources: add an independent source, or another side's"))
    return problems
