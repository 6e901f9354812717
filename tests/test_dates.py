"""Partial dates: parsing, precision, display and order."""

from __future__ import annotations

import pytest

from briefing.content.dates import PartialDate, parse_date, range_parts


@pytest.mark.parametrize("raw, text, iso", [
    ("1962", "1962", "1962"),
    ("2011-06", "June 2011", "2011-06"),
    ("2026-03-12", "12 March 2026", "2026-03-12"),
    ("2024-02-29", "29 February 2024", "2024-02-29"),
    ("1000", "1000", "1000"),  # the first year a briefing covers
    (" 9999-12-31 ", "31 December 9999", "9999-12-31"),  # the last day, spaces around
])
def test_dates_keep_their_precision(raw, text, iso):
    date, why = parse_date(raw)
    assert why is None and date.text() == text and date.iso == iso


@pytest.mark.parametrize("raw, why", [
    ("2025-13", "has no month 13: months are 01 to 12"),
    ("2025-00-10", "has no month 00: months are 01 to 12"),
    ("2023-02-29", "has no day 29: February 2023 has 28 days"),
    ("2025-04-31", "has no day 31: April 2025 has 30 days"),
    ("12 May 2025", "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-05-11)"),
    ("0999", "is before the year 1000, which briefings do not cover"),
])
def test_invalid_dates_say_why(raw, why):
    assert parse_date(raw) == (None, why)


def test_less_precise_dates_sort_before_the_dates_inside_them():
    dates = [parse_date(x)[0] for x in ("2026-03-12", "2026-03", "2019-01", "2019", "2026")]
    assert [d.iso for d in sorted(dates)] == ["2019", "2019-01", "2026", "2026-03",
                                              "2026-03-12"]


@pytest.mark.parametrize("start, end, expected", [
    ("2025-07-01", "2025-09-30", ("1 July", "30 September 2025")),
    ("2025-07-01", "2025-07-03", ("1", "3 July 2025")),
    ("2024-12-30", "2025-01-02", ("30 December 2024", "2 January 2025")),
    ("2025-07", "2025-09", ("July", "September 2025")),
    ("2022", "2024", ("2022", "2024")),
    ("2025-05-12", None, ("12 May 2025", None)),
])
def test_ranges_leave_out_what_both_ends_share(start, end, expected):
    assert range_parts(parse_date(start)[0], end and parse_date(end)[0]) == expected


def test_first_and_last_day_of_a_partial_date():
    assert str(PartialDate(2024, 2).last_day) == "2024-02-29"
    assert str(PartialDate(2024).first_day) == "2024-01-01"
