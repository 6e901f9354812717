"""A translation's texts matched to the originals' by hash (linking/matching.py): each
text shows the translation made from it, wherever that was written; a field's own
translation from an earlier text is stale; one of a text no longer there is orphaned."""

from __future__ import annotations

from briefing.linking.matching import digest, made_from, match, originals
from briefing.problems import Loc
from briefing.reading.fields import Ref, Written

HERE = Loc("content/translations/uk/positions.yaml", 1, 1)


def issue(position: str, *earlier: str, quotes: tuple[str, ...] = ()) -> dict:
    """An issue's record with one side's stance, its earlier positions and its quotes (the
    first on the stance, the others on the earlier ones, in order)."""
    said = list(quotes)
    stance: dict = {"position": position}
    if said:
        stance["quote"] = {"text": said.pop(0)}
    stance["history"] = tuple({"position": p, **({"quote": {"text": said.pop(0)}} if said else {})}
                              for p in earlier)
    return {"id": "talks", "issue": "Talks?", "stances": {Ref("side", "north", HERE): stance}}


def translation(**fields: tuple[str, str]) -> dict:
    """A translation record: {path: (translated text, the original it was made from)},
    paths written with '__' for '.'."""
    t: dict = {"loc": HERE, "locs": {}, "translated_from": {}}
    for key, (text, source) in fields.items():
        path = key.replace("__", ".")
        t["translated_from"][path] = (digest(source), HERE)
        if path.startswith("quotes."):
            n = int(path.split(".")[1])
            quotes = list(t.get("quotes", ()))
            quotes += [None] * (n + 1 - len(quotes))
            quotes[n] = text
            t["quotes"] = tuple(quotes)
            t["locs"].update({path: HERE, "quotes": HERE})
        elif path.startswith("stances."):
            _, side, name = path.split(".", 2)
            group = t.setdefault("stances", {}).setdefault(Ref("side", side, HERE),
                                                           {"loc": HERE, "locs": {}})
            group[name] = text
            group["locs"][name] = HERE
        else:
            t[path] = text
            t["locs"][path] = HERE
    return t


def test_a_translation_made_from_the_text_at_its_place_is_current():
    matched = match("issue", issue("Talks now."), translation(
        stances__north__position=("Переговори зараз.", "Talks now.")))
    assert matched.shown == {"stances.north.position": "Переговори зараз."}
    assert (matched.stale, matched.moved, matched.orphans) == ({}, {}, [])
    assert matched.missing == ["issue"]


def test_a_position_moved_into_history_takes_its_translation_with_it():
    record = issue("Talks later.", "Talks now.")
    matched = match("issue", record, translation(
        stances__north__position=("Переговори зараз.", "Talks now.")))
    assert matched.shown == {"stances.north.history.0.position": "Переговори зараз."}
    assert matched.moved == {"stances.north.position": "stances.north.history.0.position"}
    assert "stances.north.position" in matched.missing and matched.stale == {}
    assert "stances.north.history.0.position" in originals("issue", record)


def test_a_fields_translation_from_an_earlier_text_of_it_is_stale():
    matched = match("issue", issue("Talks at once."), translation(
        stances__north__position=("Переговори зараз.", "Talks now.")))
    assert matched.stale == {"stances.north.position": "Talks at once."}
    assert matched.shown == {"stances.north.position": "Переговори зараз."}  # marked so
    assert matched.orphans == [] and matched.current == 0


def test_each_quote_keeps_its_own_translation_whatever_their_order():
    record = issue("Talks.", "Earlier.", quotes=("new words", "old words"))
    matched = match("issue", record, translation(quotes__0=("старі слова", "old words")))
    assert matched.shown == {"quotes.1": "старі слова"}  # beside "old words", not "new"
    assert matched.moved == {"quotes.0": "quotes.1"}
    assert "quotes.0" not in matched.missing  # a quote's translation is optional


def test_a_quote_translation_whose_words_are_gone_is_orphaned_never_stale():
    matched = match("issue", issue("Talks.", quotes=("other words",)), translation(
        quotes__0=("старі слова", "old words")))
    assert matched.shown == {} and matched.stale == {}
    assert [g.path for g in matched.orphans] == ["quotes.0"]


def test_the_same_words_twice_take_the_same_translation():
    record = issue("Talks.", "Earlier.", quotes=("words", "words"))
    matched = match("issue", record, translation(quotes__1=("слова", "words")))
    assert matched.shown == {"quotes.0": "слова", "quotes.1": "слова"}
    assert matched.orphans == []


def test_a_translation_of_a_field_the_original_dropped_is_orphaned():
    matched = match("source", {"id": "s", "title": "A report"}, translation(
        title=("Звіт", "A report"), short=("Звіт 11", "Report of 11 May")))
    assert matched.shown == {"title": "Звіт"}
    assert [g.path for g in matched.orphans] == ["short"]


def test_a_translated_field_without_a_hash_is_left_to_check():
    t = translation(title=("Звіт", "A report"))
    del t["translated_from"]["title"]
    matched = match("source", {"id": "s", "title": "A report"}, t)
    assert matched.shown == {} and matched.orphans == [] and matched.missing == ["title"]
    assert [g.hash for g in matched.given] == [None]  # check reports it as an error


def test_a_fields_own_translation_comes_first_where_two_fields_have_the_same_words():
    matched = match("actor", {"id": "a", "name": "Same", "role": "Same", "summary": "S."},
                    translation(name=("Та сама", "Same"), role=("Той самий", "Same")))
    assert matched.shown == {"name": "Та сама", "role": "Той самий"}  # each its own
    assert matched.orphans == [] and matched.moved == {}


def test_a_copied_hash_makes_the_copy_an_orphan_not_a_silent_loss():
    record = issue("Talks.", "Earlier.", quotes=("first words", "second words"))
    t = translation(quotes__0=("перші слова", "first words"),
                    quotes__1=("другі слова", "first words"))  # quotes.1's hash: a slip
    matched = match("issue", record, t)
    assert matched.shown == {"quotes.0": "перші слова"}
    assert [(g.path, g.text) for g in matched.orphans] == [("quotes.1", "другі слова")]


def test_a_text_saved_without_its_final_line_break_keeps_its_translation():
    """The forms at /admin/ save a `|` block as `|-`: the same text to a reader, so its
    translation is current, not stale (and the reverse); any other edit still is."""
    for original, saved in (("Talks now.\n", "Talks now."), ("Talks now.", "Talks now.\n")):
        record = issue("x")
        record["summary"] = saved
        matched = match("issue", record, translation(summary=("Переговори зараз.", original)))
        assert matched.shown == {"summary": "Переговори зараз."}
        assert (matched.stale, matched.moved, matched.orphans) == ({}, {}, [])
    record = issue("x")
    record["summary"] = "Talks now!"
    matched = match("issue", record, translation(summary=("Переговори зараз.", "Talks now.\n")))
    assert matched.stale == {"summary": "Talks now!"}


def test_a_text_is_hashed_as_loaded_whatever_was_asked_before():
    """The hashes are remembered, by the text as YAML loaded it: a field written with
    spaces around it is not the bare text that its trimmed form equals."""
    bare, spaced = "Talks", Written("Talks", " Talks \n")
    assert made_from(bare) == (digest("Talks"), digest("Talks\n"))
    assert made_from(spaced) != made_from(bare)
    assert digest(" Talks \n") in made_from(spaced)
    assert made_from(bare) == (digest("Talks"), digest("Talks\n"))  # and the reverse
