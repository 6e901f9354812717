"""Partial dates: parsing, precision, display and order."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.model.dates import PartialDate, parse_date, parse_moment, range_parts


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


# --- moments: when a change was published (the contract's section 4) ---------------------

@pytest.mark.parametrize("raw, text, iso, rfc3339, utc", [
    ("2025-05-16", "16 May 2025", "2025-05-16", "2025-05-16T00:00:00Z", "2025-05-16 00:00"),
    ("2025-05-16T09:30+03:00", "16 May 2025, 09:30 UTC+3", "2025-05-16T09:30+03:00",
     "2025-05-16T09:30:00+03:00", "2025-05-16 06:30"),
    ("2025-05-16T09:30-03:00", "16 May 2025, 09:30 UTC-3", "2025-05-16T09:30-03:00",
     "2025-05-16T09:30:00-03:00", "2025-05-16 12:30"),
    ("2025-05-16T09:30+05:30", "16 May 2025, 09:30 UTC+5:30", "2025-05-16T09:30+05:30",
     "2025-05-16T09:30:00+05:30", "2025-05-16 04:00"),
    ("2025-05-16T09:30+00:01", "16 May 2025, 09:30 UTC+0:01", "2025-05-16T09:30+00:01",
     "2025-05-16T09:30:00+00:01", "2025-05-16 09:29"),
    ("2025-05-16T09:30:15Z", "16 May 2025, 09:30 UTC", "2025-05-16T09:30:15Z",
     "2025-05-16T09:30:15Z", "2025-05-16 09:30"),
    ("2025-05-16T09:30+00:00", "16 May 2025, 09:30 UTC", "2025-05-16T09:30Z",
     "2025-05-16T09:30:00Z", "2025-05-16 09:30"),
    ("2025-05-16T23:59:59+14:00", "16 May 2025, 23:59 UTC+14", "2025-05-16T23:59:59+14:00",
     "2025-05-16T23:59:59+14:00", "2025-05-16 09:59"),
    ("2025-05-16T00:00-14:59", "16 May 2025, 00:00 UTC-14:59", "2025-05-16T00:00-14:59",
     "2025-05-16T00:00:00-14:59", "2025-05-16 14:59"),
])
def test_a_moment_keeps_its_offset_and_orders_by_its_instant(raw, text, iso, rfc3339, utc):
    moment, why = parse_moment(raw)
    assert why is None
    assert (moment.text(), moment.iso, moment.rfc3339) == (text, iso, rfc3339)
    assert moment.instant.strftime("%Y-%m-%d %H:%M") == utc
    assert moment.instant.tzinfo is dt.UTC
    assert moment.written == raw
    if moment.time is not None:
        assert moment.time.tzinfo is not None  # never a naive time read in local time


@pytest.mark.parametrize("raw, why", [
    ("2025-05-16T24:00Z", "has no time 24:00"),
    ("2025-05-16T23:60Z", "has no time 23:60"),
    ("2025-05-16T23:59:60Z", "has no time 23:59:60"),
    ("2025-05-16T09:30+15:00", "has no offset +15:00: offsets run from -14:00 to +14:00"),
    ("2025-05-16T09:30+03:60", "has no offset +03:60: offsets run from -14:00 to +14:00"),
    ("2025-05-16T09:30", "has a time but no offset from UTC: write 2025-05-16T09:30+03:00 "
                         "(or 2025-05-16T09:30Z for UTC), so readers everywhere know when it "
                         "was"),
    ("16 May", "is not a day or a time: write 2025-05-16, or 2025-05-16T09:30+03:00 with "
               "the time's offset from UTC"),
])
def test_an_impossible_moment_says_why(raw, why):
    assert parse_moment(raw) == (None, why)


def test_within_a_day_a_time_comes_after_no_time_and_times_by_their_instant():
    moments = [parse_moment(raw)[0] for raw in (
        "2025-05-16T09:30+03:00", "2025-05-16", "2025-05-16T08:00Z", "2025-05-15T23:00-05:00")]
    ordered = sorted(moments, key=lambda m: m.sort_key)
    assert [m.written for m in ordered] == [
        "2025-05-15T23:00-05:00", "2025-05-16", "2025-05-16T09:30+03:00", "2025-05-16T08:00Z"]
