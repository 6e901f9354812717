"""Interface words the model carries (a change's label, a claim's heading), marked
for the catalogs and translated where they are shown."""

from __future__ import annotations


def N_(text: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks interface text kept in the model (a status's label) for the catalogs
    (`pybabel extract` finds it); it is translated where it is shown."""
    return text


CHANGE_LABELS = {"update": N_("Update"), "correction": N_("Correction"),
                 "clarification": N_("Clarification"), "withdrawal": N_("Withdrawal")}


# A note's heading on the item it corrects, clarifies or withdraws (pages and the feed).
NOTE_HEADINGS = {"correction": N_("Correction"), "clarification": N_("Clarification"),
                 "withdrawal": N_("Withdrawn")}


FLAGGED = ("correction", "withdrawal")  # said at the top of any page showing the item


CLAIM_HEADINGS = {  # a status as words: what it means for a reader
    "confirmed": N_("Confirmed"), "claimed": N_("Claimed, not independently verified"),
    "disputed": N_("Disputed: the accounts conflict"), "false": N_("Shown to be false"),
    "outdated": N_("Outdated: overtaken by events"), "open": N_("Not known yet")}
