"""Partial dates: a year, a month or a day, shown and sorted at the precision written."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """`2022`, `2022-03` or `2022-03-29`.

    Ordering puts a less precise date before the more precise dates inside it
    (`2026-03` before `2026-03-12`): a missing month or day sorts as 0.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """As written in content and in `<time datetime>`: YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def text(self, with_year: bool = True, with_month: bool = True) -> str:
        """'1962', 'June 2011', '12 March 2026'; parts can be left to a range's other end."""
        words = []
        if self.day:
            words.append(str(self.day))
        if self.month and with_month:
            words.append(MONTHS[self.month - 1])
        if with_year:
            words.append(str(self.year))
        return " ".join(words)

    def __str__(self) -> str:
        return self.text()


def parse_date(raw: str) -> tuple[PartialDate | None, str | None]:
    """(date, None) or (None, why not): the reason names what is wrong in the editor's terms."""
    match = DATE_RE.fullmatch(raw.strip())
    if not match:
        return None, "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-05-11)"
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if match.group(2) is not None and not 1 <= month <= 12:
        return None, f"has no month {match.group(2)}: months are 01 to 12"
    if match.group(3) is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return None, f"has no day {match.group(3)}: {MONTHS[month - 1]} {year} has {days} days"
    if year < 1000:
        return None, "is before the year 1000, which briefings do not cover"
    date = PartialDate(year, month, day)
    if any(part is not None and len(part) < 2 for part in match.groups()[1:]):
        return None, ("is not a date: months and days take two digits "
                      f"(did you mean '{date.iso}'?)")
    return date, None


def range_parts(start: PartialDate, end: PartialDate | None) -> tuple[str, str | None]:
    """Texts of a span's two ends, leaving out what they share: '1 July', '30 September 2025'."""
    if end is None or end == start:
        return start.text(), None
    same_year = start.year == end.year and start.precision == end.precision
    same_month = same_year and start.month == end.month and start.precision == "day"
    return start.text(with_year=not same_year, with_month=not same_month), end.text()
