"""Event ids (briefing/reading/ids.py), asked directly: the id written or one made from
the date and title, unique in file order; and which event a vanished made id came from."""

from __future__ import annotations

from briefing.model.dates import parse_date
from briefing.problems import Loc
from briefing.reading.ids import best_match, event_ids, event_slug, made_id_parts, slugify


def event(date: str, title: str, line: int = 1, **more: str) -> dict:
    return {"date": parse_date(date)[0], "title": title,
            "loc": Loc("content/chronology.yaml", line, 3), **more}


def test_a_made_id_is_the_date_at_its_precision_and_the_titles_slug():
    assert event_slug(parse_date("2025-05-10")[0], "Talks in Istanbul") == (
        "2025-05-10-talks-in-istanbul")
    assert event_slug(parse_date("2025-05")[0], "Talks") == "2025-05-talks"
    assert event_slug(parse_date("2025")[0], "Ça va?") == "2025-ca-va"
    assert event_slug(parse_date("2025")[0], "«»") == "2025"  # no word: the date alone
    assert slugify("  Recep Tayyip ERDOĞAN!  ") == "recep-tayyip-erdogan"


def test_ids_are_unique_in_file_order_and_a_written_id_is_kept():
    first, again, named, third = (event("2025-05-10", "Talks"), event("2025-05-10", "Talks"),
                                  event("2025-05-11", "Other", id="2025-05-10-talks-3"),
                                  event("2025-05-10", "Talks"))
    ids = event_ids([first, again, named, third])
    assert list(ids) == ["2025-05-10-talks", "2025-05-10-talks-2", "2025-05-10-talks-3",
                         "2025-05-10-talks-4"]  # -3 is written, so the third made is -4
    assert ids["2025-05-10-talks-3"] is named and ids["2025-05-10-talks-4"] is third


def test_of_a_repeated_written_id_the_first_is_kept():
    one, two = event("2025-05-10", "A", id="same"), event("2025-05-11", "B", id="same")
    assert event_ids([one, two]) == {"same": one}


def test_a_made_id_splits_into_every_date_it_may_start_with():
    assert made_id_parts("2025-05-10-talks") == [
        ("2025-05-10", "talks"), ("2025-05", "10-talks"), ("2025", "05-10-talks")]
    assert made_id_parts("2025-talks") == [("2025", "talks")]
    assert made_id_parts("talks-2025") == []
    assert made_id_parts("20250-talks") == []


def test_the_event_a_vanished_id_came_from():
    moved = event("2025-05-12", "Talks held", 4)
    reworded = event("2025-05-10", "Talks were held", 7)
    unrelated = event("2025-05-10", "Ceasefire", 9)
    # the same title on another date wins over a reworded title on the same date
    assert best_match("2025-05-10-talks-held", [unrelated, reworded, moved]) is moved
    assert best_match("2025-05-10-talks-held", [unrelated, reworded]) is reworded
    assert best_match("2025-05-10-talks-held", [unrelated]) is None
    assert best_match("not-made-from-a-date", [moved, reworded]) is None
