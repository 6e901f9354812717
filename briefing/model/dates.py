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


MOMENT_RE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})"
                       r"(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?")


@dataclass(frozen=True, slots=True)
class Moment:
    """When a change was published: a day (`2025-05-16`), or a time with its offset
    (`2025-05-16T09:30+03:00`). A day is that day in the briefing's own reckoning; a
    time counts on the calendar day of its own offset. No date ever comes from a clock."""

    day: dt.date
    time: dt.time | None = None  # with its offset (tzinfo) when given
    written: str = ""

    @property
    def iso(self) -> str:
        """For `datetime` attributes, JSON-LD and sitemaps: `2025-05-16` or
        `2025-05-16T09:30+03:00` (W3C date and time formats)."""
        if self.time is None:
            return self.day.isoformat()
        clock = self.time.replace(tzinfo=None).isoformat(
            "seconds" if self.time.second else "minutes")
        return f"{self.day.isoformat()}T{clock}{offset_text(self.time, 'Z')}"

    @property
    def rfc3339(self) -> str:
        """For Atom: a full date-time; a day alone is its first moment, in UTC."""
        if self.time is None:
            return f"{self.day.isoformat()}T00:00:00Z"
        clock = self.time.replace(tzinfo=None).isoformat("seconds")
        return f"{self.day.isoformat()}T{clock}{offset_text(self.time, 'Z')}"

    @property
    def instant(self) -> dt.datetime:
        """The moment in UTC (a day: its first moment in UTC), for ordering."""
        if self.time is None:
            return dt.datetime(self.day.year, self.day.month, self.day.day, tzinfo=dt.UTC)
        return dt.datetime.combine(self.day, self.time).astimezone(dt.UTC)

    @property
    def sort_key(self) -> tuple:
        """Ordered by calendar day, then, within a day, a time after no time at all."""
        return (self.day, self.time is not None, self.instant)

    def text(self) -> str:
        """'16 May 2025' or '16 May 2025, 09:30 UTC+3'."""
        day = PartialDate(self.day.year, self.day.month, self.day.day).text()
        if self.time is None:
            return day
        return f"{day}, {self.time.strftime('%H:%M')} UTC{offset_text(self.time, '')}"

    def __str__(self) -> str:
        return self.text()


def offset_text(time: dt.time, utc: str) -> str:
    """'+03:00' (ISO) or, for `utc` = '', '+3' / '+5:30' as a reader reads it."""
    offset = time.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return utc if utc else ""
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    if utc:
        return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def parse_moment(raw: str) -> tuple[Moment | None, str | None]:
    """(moment, None) or (None, why not), in the editor's terms."""
    text = raw.strip()
    match = MOMENT_RE.fullmatch(text)
    if not match:
        return None, ("is not a day or a time: write 2025-05-16, or 2025-05-16T09:30+03:00 "
                      "with the time's offset from UTC")
    day_text, hour, minute, second, offset = match.groups()
    day, why = parse_date(day_text)
    if day is None:
        return None, why
    date = day.first_day
    if hour is None:
        return Moment(date, None, text), None
    if offset is None:
        return None, (f"has a time but no offset from UTC: write {text}+03:00 (or {text}Z for "
                      "UTC), so readers everywhere know when it was")
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        return None, f"has no time {hour}:{minute}{':' + second if second else ''}"
    if offset == "Z":
        zone = dt.UTC
    else:
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 14 or minutes > 59:
            return None, f"has no offset {offset}: offsets run from -14:00 to +14:00"
        delta = dt.timedelta(hours=hours, minutes=minutes)
        zone = dt.timezone(delta if offset[0] == "+" else -delta)
    return Moment(date, dt.time(int(hour), int(minute), int(second or 0), tzinfo=zone),
                  text), None
