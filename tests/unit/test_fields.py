"""Field types, one by one: what each accepts, what it turns a value into, and the exact
message for what it refuses. (Each type is made here, in the test: the field tables'
own are made when schema.py is imported.)"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import yaml

from briefing.problems import Loc
from briefing.reading.composite_fields import Field, Hashes, ListOf, MapOf, Record
from briefing.reading.fields import (
    INVALID,
    Markdown,
    Reader,
    Ref,
    Reference,
    Slug,
    Text,
    Words,
    Written,
    as_loaded,
    shape,
)
from briefing.reading.ids import slugify
from briefing.reading.scalar_fields import (
    Affected,
    Boolean,
    Choice,
    Count,
    Date,
    Hostname,
    ImageSource,
    Language,
    Url,
    When,
)
from briefing.reading.suggestions import alternatives, closest, did_you_mean, suggest_id
from briefing.reading.yamlsource import Loader


def read(field_type: Any, text: str, name: str = "f") -> tuple[Any, list[str], Reader]:
    """(the value read, the problems as printed, the reader) for YAML `text`."""
    problems: list = []
    reader = Reader("x.yaml", problems)
    value = field_type.read(yaml.compose(text, Loader=Loader), reader, name)
    return value, [str(p) for p in problems], reader


def refused(field_type: Any, text: str, name: str = "f") -> list[str]:
    value, problems, _ = read(field_type, text, name)
    assert value is INVALID
    return problems


@pytest.mark.parametrize("text, value", [("  Mayor  ", "Mayor"), ("no", "no"),
                                         ("18:30", "18:30"), ("1984", "1984")])
def test_text_is_what_was_written_trimmed(text, value):
    assert read(Text(), text)[:2] == (value, [])


@pytest.mark.parametrize("text, message", [
    ("'   '", "x.yaml:1:1: error: 'f' is empty"),
    ("[a, b]", "x.yaml:1:1: error: 'f' must be plain text, not a list"),
    ("{a: b}", "x.yaml:1:1: error: 'f' must be plain text, not a set of fields"),
    ('"a\\x07b"', "x.yaml:1:1: error: 'f' has a control character; remove it"),
])
def test_text_refuses_blanks_structures_and_control_characters(text, message):
    assert refused(Text(), text) == [message]


def test_shape_names_what_was_written_instead():
    def node(text: str) -> yaml.Node:
        return yaml.compose(text, Loader=Loader)

    assert [shape(node(t)) for t in ("{a: b}", "[a]", "~", "word")] == [
        "a set of fields", "a list", "empty", "'word'"]


@pytest.mark.parametrize("text", ["“all for all”", "'\"all for all\"'", "‘all’", "«всё»",
                                  "„alles“", "'\"x\"'", "“”"])
def test_words_refuse_their_own_quote_marks(text):
    [message] = refused(Words(), text, "text")
    assert message.endswith("leave out the quote marks; the site adds them")
    assert message.startswith("x.yaml:1:1: error: 'text' is written in quote marks (")


@pytest.mark.parametrize("text", ["all “for” all", "'\"'", "'x\"'", "“all for all"])
def test_words_inside_or_a_lone_mark_are_fine(text):
    assert read(Words(), text)[1] == []


def test_markdown_is_kept_as_written_and_noted_for_rendering():
    value, problems, reader = read(Markdown(), "'*Hello*'")
    assert (value, problems, reader.markdown) == ("*Hello*", [], ["*Hello*"])


def test_a_readers_lists_are_its_own_or_the_ones_given():
    shared_rejected: list = []
    shared_markdown: list = []
    reader = Reader("x.yaml", [], shared_rejected, shared_markdown)
    assert reader.rejected is shared_rejected and reader.markdown is shared_markdown
    first, second = Reader("a", []), Reader("b", [])
    assert first.rejected == [] and first.markdown == []
    assert first.rejected is not second.rejected and first.markdown is not second.markdown


def test_a_reader_counts_errors_not_warnings():
    problems: list = []
    reader = Reader("x.yaml", problems)
    problems.append(Loc("x.yaml", 1, 1).warning("w"))
    assert reader.errors() == 0
    assert reader.error(yaml.compose("a", Loader=Loader), "e") is INVALID
    assert reader.errors() == 1


@pytest.mark.parametrize("text, iso", [("2025", "2025"), ("'2025-05'", "2025-05"),
                                       ("2025-05-11", "2025-05-11")])
def test_a_date_keeps_its_precision(text, iso):
    assert read(Date(), text)[0].iso == iso


def test_a_day_only_date_refuses_a_month():
    assert Date().day_only is False and Date(day_only=True).day_only is True
    assert refused(Date(day_only=True), "2025-05", "updated") == [
        "x.yaml:1:1: error: 'updated' must be a full date, YYYY-MM-DD (e.g. 2025-05-11)"]
    assert read(Date(day_only=True), "2025-05-11")[1] == []


@pytest.mark.parametrize("text, value", [("true", True), ("false", False), ("True", True),
                                         ("FALSE", False)])
def test_booleans_are_true_or_false_in_any_case(text, value):
    assert read(Boolean(), text)[:2] == (value, [])


def test_a_boolean_refuses_yes():
    assert refused(Boolean(), "yes", "approximate") == [
        "x.yaml:1:1: error: 'approximate' must be true or false, not 'yes'"]


def test_a_slug_suggests_its_own_slug_or_nothing():
    assert read(Slug(), "talks-2025")[:2] == ("talks-2025", [])
    assert refused(Slug(), "Talks in Istanbul", "id") == [
        "x.yaml:1:1: error: 'id': 'Talks in Istanbul' is not an id: use lower-case letters, "
        "digits and single hyphens (did you mean 'talks-in-istanbul'?)"]
    assert refused(Slug(), "'!!!'", "id") == [
        "x.yaml:1:1: error: 'id': '!!!' is not an id: use lower-case letters, digits and "
        "single hyphens"]
    assert refused(Slug(), "a--b", "id")[0].endswith("(did you mean 'a-b'?)")


def test_a_reference_is_read_with_where_it_was_written():
    value, problems, _ = read(Reference("side"), "\n  north")
    assert problems == [] and value == Ref("side", "north", Loc("x.yaml", 2, 3))
    assert Reference("side").expected == "the id of a side"
    assert refused(Reference("side"), "North Bank", "side")[0].startswith(
        "x.yaml:1:1: error: 'side': 'North Bank' is not an id")


@pytest.mark.parametrize("text, ok", [
    ("https://example.org/a?b#c", True), ("http://example.org", True),
    ("HTTP://example.org", True), ("ftp://example.org", False), ("https://", False),
    ("'https://example.org/a b'", False), ("example.org", False),
    ("'javascript:alert(1)'", False), ("'https://[x/'", False)])  # not an IPv6 address
def test_urls_are_http_or_https_with_a_host_and_no_space(text, ok):
    value, problems, _ = read(Url(), text, "url")
    assert (problems == []) is ok
    if not ok:
        assert problems == [f"x.yaml:1:1: error: 'url' must be a web address starting with "
                            f"https:// or http://, not '{yaml.safe_load(text)}'"]


@pytest.mark.parametrize("text, ok", [
    ("images/putin.jpg", True), ("a/b/c.png", True), ("https://example.org/a.jpg", True),
    ("http://example.org/a.jpg", False), ("/images/a.jpg", False), ("../a.jpg", False),
    ("images/../../a.jpg", False), ("'data:image/png;base64,AAAA'", False),
    ("//example.org/a.jpg", False), ("https:a.jpg", False), ("a..b.jpg", True)])
def test_images_are_inside_content_or_on_https(text, ok):
    assert (read(ImageSource(), text)[1] == []) is ok


def test_a_hostname_is_lower_cased_and_bare():
    assert read(Hostname(), "Briefing.Example.ORG")[:2] == ("briefing.example.org", [])
    assert refused(Hostname(), "https://example.org/", "cname") == [
        "x.yaml:1:1: error: 'cname' must be a domain name such as briefing.example.org (no "
        "https://, no path), not 'https://example.org/'"]
    assert refused(Hostname(), "localhost", "cname")


def test_a_choice_names_its_choices_and_the_closest():
    status = Choice("far-apart", "narrowing")
    assert status.choices == ("far-apart", "narrowing")
    assert status.expected == "one of far-apart, narrowing"
    assert read(status, "narrowing")[:2] == ("narrowing", [])
    assert refused(status, "far apart", "status") == [
        "x.yaml:1:1: error: 'status' must be one of far-apart, narrowing, not 'far apart' "
        "(did you mean 'far-apart'?)"]
    assert refused(status, "agreed", "status") == [
        "x.yaml:1:1: error: 'status' must be one of far-apart, narrowing, not 'agreed'"]


@pytest.mark.parametrize("text, ok", [("en", True), ("pt-BR", True), ("zh-Hant-TW", True),
                                      ("Portuguese", False), ("e", False), ("en_GB", False)])
def test_languages_are_bcp_47_tags(text, ok):
    value, problems, _ = read(Language(), text, "language")
    assert (problems == []) is ok
    if not ok:
        assert problems == [f"x.yaml:1:1: error: 'language' must be a language tag such as "
                            f"en, uk or pt-BR, not '{text}'"]


def test_a_list_reads_each_item_or_says_how_to_write_one():
    ids = ListOf(Slug())
    assert ids.item.expected == Slug.expected
    assert ids.expected == "a list of an id (lower-case letters, digits and hyphens)"
    assert read(ids, "[a, b]")[:2] == (("a", "b"), [])
    assert read(ids, "[]")[:2] == ((), [])
    assert refused(ids, "ana", "actors") == [
        "x.yaml:1:1: error: 'actors' must be a list: write [ana], or one '- ' line per item"]
    assert refused(ids, "{a: b}", "actors") == [
        "x.yaml:1:1: error: 'actors' must be a list: write a list, or one '- ' line per item"]
    assert refused(ids, "[a, B c]", "actors") == [
        "x.yaml:1:5: error: 'actors': 'B c' is not an id: use lower-case letters, digits and "
        "single hyphens (did you mean 'b-c'?)"]


def test_a_record_names_itself_with_its_article():
    assert Record("actor", {}).what == "an actor"
    assert Record("quote", {}).what == "a quote"
    assert Record("event", {}).expected == "an event: a set of 'field: value' lines"
    assert Record("Unit", {}).what == "a Unit"


PERSON = Record("person", {"name": Field(Text(), True), "role": Field(Text(), True),
                           "country": Field(Text())})


def test_a_record_reads_its_fields_with_where_each_was_written():
    values, problems, _ = read(PERSON, "name: Ana\nrole: Mayor\ncountry:\n")
    assert problems == []
    assert values == {"name": "Ana", "role": "Mayor", "loc": Loc("x.yaml", 1, 1),
                      "locs": {"name": Loc("x.yaml", 1, 7), "role": Loc("x.yaml", 2, 7)}}


def test_a_record_reports_every_mistake_once_and_keeps_what_it_could_read():
    values, problems, reader = read(PERSON, "nme: Ana\ncountry: [x]\nage: 3\n")
    assert values is INVALID
    assert problems == [
        "x.yaml:1:1: error: unknown field 'nme' in a person (did you mean 'name'?)",
        "x.yaml:2:10: error: 'country' must be plain text, not a list",
        "x.yaml:3:1: error: unknown field 'age' in a person",
        "x.yaml:1:1: error: missing required field 'role' in a person"]  # not 'name' too
    assert reader.rejected == [{"loc": Loc("x.yaml", 1, 1), "locs": {
        "country": Loc("x.yaml", 2, 10)}, "country": INVALID}]


def test_a_record_refuses_what_is_not_a_set_of_fields():
    assert refused(PERSON, "[a]", "who") == [
        "x.yaml:1:1: error: 'who' must be a person: a set of 'field: value' lines, not a list"]
    assert refused(PERSON, "name: Ana\nrole:\n") == ["x.yaml:2:1: error: 'role' is empty"]


def test_a_map_reads_ids_to_records():
    stances = MapOf("side", Record("stance", {"position": Field(Text(), True)}))
    assert (stances.key_kind, stances.value.what) == ("side", "a stance")
    assert stances.expected == ("side ids, each with a stance: a set of 'field: value' "
                                "lines")
    value, problems, _ = read(stances, "north: {position: Yes.}\n")
    assert problems == []
    assert [(ref.id, item["position"]) for ref, item in value.items()] == [("north", "Yes.")]
    assert refused(stances, "[north]", "stances") == [
        "x.yaml:1:1: error: 'stances' must map side ids, each with a stance: a set of "
        "'field: value' lines, not a list"]
    assert refused(stances, "North: {position: Yes.}\n", "stances") == [
        "x.yaml:1:1: error: 'stances': 'North' is not an id: use lower-case letters, "
        "digits and single hyphens (did you mean 'north'?)"]
    assert refused(stances, "north: {detail: Yes.}\n", "stances") == [
        "x.yaml:1:9: error: unknown field 'detail' in a stance",
        "x.yaml:1:8: error: missing required field 'position' in a stance"]
    assert refused(stances, "north: Yes.\n") == [
        "x.yaml:1:8: error: 'north' must be a stance: a set of 'field: value' lines, not "
        "'Yes.'"]


def test_close_words_and_did_you_mean():
    assert closest("contry", ["country", "counter"]) == "country"
    assert closest("xyz", ["country"]) is None
    assert did_you_mean("contry", ["country"]) == " (did you mean 'country'?)"
    assert did_you_mean("xyz", ["country"]) == ""
    assert closest("abcdefghij", ["abcdefgxyz"]) == "abcdefgxyz"  # 0.7 alike: close
    assert closest("abcdefghij", ["abcdefxyzw"]) is None  # 0.6: not


@pytest.mark.parametrize("word, ids, suggestion", [
    ("putn", ["putin", "trump"], " (did you mean 'putin'?)"),
    ("erdogan", ["recep-tayyip-erdogan", "a", "b", "c", "d", "e"],
     " (did you mean 'recep-tayyip-erdogan'?)"),
    ("vladimir-putin", ["putin", "a", "b", "c", "d", "e"], " (did you mean 'putin'?)"),
    ("the-eu", ["eu-council", "a", "b", "c", "d", "e"], ""),  # words of 3 letters or more
    ("eu", ["eu-council", "a", "b", "c", "d", "e"], ""),
    ("smith", ["john-peter-smith", "mary-ann-smith", "x", "y", "z", "w"],
     " (did you mean 'john-peter-smith' or 'mary-ann-smith'?)"),
    ("smith", [f"smith-of-{n}-{n}" for n in range(5)] + ["x"],
     " (did you mean 'smith-of-0-0', 'smith-of-1-1', 'smith-of-2-2', 'smith-of-3-3' or "
     "'smith-of-4-4'?)"),
    ("smith", [f"smith-of-{n}-{n}" for n in range(6)], ""),  # too many to list
    ("moscow", ["ukraine", "russia"], " (the choices are 'russia' and 'ukraine')"),
    ("moscow", ["a", "b", "c", "d", "e"], " (the choices are 'a', 'b', 'c', 'd' and 'e')"),
    ("moscow", ["a", "b", "c", "d", "e", "f"], ""),
    ("moscow", [], ""),
    ("talks-in-istanbul", ["Talks in Istanbul"], ""),  # never an invalid id
    ("Vladimir Putin", ["putin", "a", "b", "c", "d", "e"], " (did you mean 'putin'?)"),
])
def test_an_unknown_id_gets_a_valid_suggestion(word, ids, suggestion):
    assert suggest_id(word, ids) == suggestion


def test_alternatives_read_as_a_sentence():
    assert alternatives(["a"], "or") == "a"
    assert alternatives(["a", "b"], "or") == "a or b"
    assert alternatives(["a", "b", "c"], "and") == "a, b and c"


@pytest.mark.parametrize("text, slug", [
    ("Donald Trump", "donald-trump"), ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("  --Talks,  in Istanbul!--  ", "talks-in-istanbul"), ("Зеленський", ""),
    ("2025: Kyiv", "2025-kyiv"), ("", "")])
def test_slugify_makes_lower_case_ascii_words_joined_by_hyphens(text, slug):
    assert slugify(text) == slug


def test_invalid_stays_one_object_once_pickled():
    assert pickle.loads(pickle.dumps(INVALID)) is INVALID
    assert INVALID.__reduce__() == "INVALID"


# --- words: ids made for events, suggestions ---------------------------------------------

def test_event_ids_keep_written_ids_make_the_rest_unique_and_drop_repeats():
    from briefing.model.dates import PartialDate
    from briefing.reading.ids import event_ids

    day = PartialDate(2025, 5, 16)
    talks = {"date": day, "title": "Talks"}
    written = {"date": day, "title": "Other", "id": "2025-05-16-talks"}  # takes the slug
    again = {"date": day, "title": "Talks"}
    repeat = {"date": day, "title": "Repeat", "id": "2025-05-16-talks"}
    named = {"date": day, "title": "Ünïcode — Talks!", "id": "own"}
    ids = event_ids([talks, written, again, repeat, named])
    assert list(ids) == ["2025-05-16-talks-2", "2025-05-16-talks", "2025-05-16-talks-3",
                         "own"]
    assert ids["2025-05-16-talks"] is written and ids["own"] is named
    assert ids["2025-05-16-talks-2"] is talks and ids["2025-05-16-talks-3"] is again


@pytest.mark.parametrize("text, slug", [
    ("Donald Trump", "donald-trump"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("  -- Talks in Istanbul! --  ", "talks-in-istanbul"),
    ("Київ", ""),  # no Latin letters: no slug (a file name or id must be given)
])
def test_slugs_are_lower_case_ascii_words_joined_by_one_hyphen(text, slug):
    assert slugify(text) == slug


def test_a_suggestion_is_the_one_closest_id_or_ids_sharing_a_word_of_three_letters():
    assert closest("putn", ["putin", "putina"]) == "putin"  # one, the closest
    assert suggest_id("putn", ["putin", "putina"]) == " (did you mean 'putin'?)"
    many = [f"x{n}" for n in range(9)]
    assert suggest_id("the-usa", ["usa-envoy", *many]) == " (did you mean 'usa-envoy'?)"
    assert suggest_id("us", ["us-envoy", *many]) == ""  # two letters share nothing



# --- the second round's field types ----------------------------------------------------

def test_a_text_keeps_what_yaml_loaded_for_translation_hashes():
    value, _, _ = read(Text(), "|\n  Two lines\n  here.\n")
    assert value == "Two lines\nhere." and isinstance(value, Written)
    assert as_loaded(value) == "Two lines\nhere.\n"
    plain, _, _ = read(Text(), "plain")
    assert type(plain) is str and as_loaded(plain) == "plain"
    again = pickle.loads(pickle.dumps(value))
    assert (again, again.raw) == ("Two lines\nhere.", "Two lines\nhere.\n")


@pytest.mark.parametrize("text, value", [("1", 1), ("30", 30)])
def test_a_count_is_a_whole_number_from_one(text, value):
    assert read(Count(), text)[0] == value


@pytest.mark.parametrize("text", ["0", "-1", "1.5", "x", "١"])
def test_a_count_refuses_anything_else(text):
    assert refused(Count(), text, "stale_after_days") == [
        f"x.yaml:1:1: error: 'stale_after_days' must be a whole number, 1 or more, not '{text}'"]


def test_a_moment_says_why_it_is_not_one():
    assert refused(When(), "2025-05-16T09:30", "at") == [
        "x.yaml:1:1: error: 'at': '2025-05-16T09:30' has a time but no offset from UTC: write "
        "2025-05-16T09:30+03:00 (or 2025-05-16T09:30Z for UTC), so readers everywhere know "
        "when it was"]


@pytest.mark.parametrize("text, kind, item", [
    ("briefing", "briefing", "briefing"), ("event:talks", "event", "talks"),
    ("'claim : quay-open'", "claim", "quay-open")])
def test_a_change_affects_the_briefing_or_a_kind_and_an_id(text, kind, item):
    ref = read(Affected(), text)[0]
    assert (ref.kind, ref.id) == (kind, item)


@pytest.mark.parametrize("text, message", [
    ("'actor: ana'", "'affects': write 'actor:ana' with no space after the ':' (with one, YAML "
     "reads a field and its value)"),
    ("evnt:talks", "'affects': 'evnt:talks' is not something a change can affect: write "
     "briefing, or kind:id with a kind of actor, event, issue, claim, source, article (did "
     "you mean 'event:talks'?)"),
    ("breifing", "'affects': 'breifing' is not something a change can affect: write briefing, "
     "or kind:id with a kind of actor, event, issue, claim, source, article (did you mean "
     "'briefing'?)"),
    ("event:Talks Open", "'affects': 'Talks Open' in 'event:Talks Open' is not an id: use "
     "lower-case letters, digits and single hyphens (did you mean 'event:talks-open'?)"),
])
def test_an_affected_item_that_is_not_one_says_why(text, message):
    node = text if not text.startswith("'actor") else "{actor: ana}"
    assert refused(Affected(), node, "affects") == [f"x.yaml:1:1: error: {message}"]


def test_hashes_are_twelve_hex_digits_per_field():
    value = read(Hashes(), "role: 3f2a9c1b7d0e\nsummary: ' 0123456789ab '\n")[0]
    assert {k: v[0] for k, v in value.items()} == {"role": "3f2a9c1b7d0e",
                                                   "summary": "0123456789ab"}
    assert value["summary"][1].line == 2
    assert refused(Hashes(), "role: 3f2a9c\nname: [x]\n", "translated_from") == [
        "x.yaml:1:7: error: 'translated_from': 'role' must be the first 12 hex digits of the "
        "original's SHA-256 (e.g. 3f2a9c1b7d0e), not '3f2a9c'",
        "x.yaml:2:7: error: 'translated_from': 'name' must be the first 12 hex digits of the "
        "original's SHA-256 (e.g. 3f2a9c1b7d0e), not a list"]
    assert refused(Hashes(), "[a, b]", "translated_from") == [
        "x.yaml:1:1: error: 'translated_from' must be a set of 'field: hash' lines (hashes of "
        "12 hex digits), not a list"]


def test_a_list_with_gaps_keeps_an_empty_item_as_not_yet_translated():
    assert read(ListOf(Text(), gaps=True), "- a\n-\n- b\n")[0] == ("a", None, "b")
    assert refused(ListOf(Text()), "- a\n-\n", "quotes") == [
        "x.yaml:2:2: error: 'quotes' is empty"]
    assert ListOf(Text(), gaps=True).json_schema()["items"]["anyOf"][-1] == {"type": "null"}
    assert ListOf(Slug(), gaps=True).json_schema()["items"]["anyOf"] == [
        *Slug().json_schema()["anyOf"], {"type": "null"}]  # one level, not nested
    assert {"type": "null"} not in ListOf(Text()).json_schema()["items"].get("anyOf", [])
