"""Quotes found in their article's text, and the marks they link to."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from briefing.linking.markdown import parse_article, render_tokens
from briefing.linking.provenance import closest_passage, mark_quotes, normalise
from briefing.pipeline import build, load_and_check
from tests.helpers.common import TEMPLATES, minimal, soup, write_content


def marked(body: str, quotes: list[str]) -> tuple[dict[str, str], BeautifulSoup]:
    tokens = parse_article(body)
    anchors = mark_quotes(tokens, quotes)
    return anchors, BeautifulSoup(render_tokens(tokens), "html.parser")


def test_normalise_folds_space_quotes_apostrophes_and_dashes():
    assert normalise("It’s  “red lines”\n—and ‘more’…") == "It's \"red lines\" -and 'more'..."
    assert normalise("a -- b") == normalise("a — b")


def test_quote_found_across_typography_and_line_breaks():
    anchors, html = marked('He said: "It\'s time --\nfor talks."\n', ["It’s time — for talks."])
    assert anchors == {"It’s time — for talks.": "quote-1"}
    mark = html.find("mark", id="quote-1")
    assert mark is not None and mark.get_text().startswith("It’s time")


def test_quote_across_emphasis_is_marked_piece_by_piece():
    anchors, html = marked("“No point in *prolonging* the killings.”\n",
                           ["No point in prolonging the killings."])
    marks = html.find_all("mark")
    assert anchors and marks[0]["id"] == "quote-1"
    assert "".join(m.get_text() for m in marks) == "No point in prolonging the killings."
    assert html.find("em").find("mark") is not None  # nested inside <em>, never interleaved


def test_reporters_punctuation_at_the_end_is_not_the_quote():
    anchors, _ = marked("“We await a ceasefire,” he said.\n", ["We await a ceasefire."])
    assert anchors == {"We await a ceasefire.": "quote-1"}


def test_an_occurrence_in_quote_marks_wins_over_an_earlier_one():
    anchors, html = marked("They met immediately. He urged talks “immediately.”\n",
                           ["immediately"])
    mark = html.find("mark", id=anchors["immediately"])
    assert mark.previous_sibling.endswith("talks “")


def test_anchors_follow_reading_order_and_overlaps_do_not_interleave():
    anchors, html = marked("“A new truce” and “serious talks now”\n",
                           ["serious talks now", "talks", "A new truce"])
    assert anchors["A new truce"] == "quote-1"
    assert anchors["serious talks now"] == "quote-2"
    assert html.find(id=anchors["talks"]) is not None
    assert str(html).count("<mark") == 2


def test_unverifiable_quote_is_a_warning_naming_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["actors/ana.yaml"]["quotes"][0]["text"] = "We shall never talk"
    content = write_content(tmp_path, files)
    briefing, problems = load_and_check(content)
    message = ("content/actors/ana.yaml:6:9: {}: quote not found in the text of article "
               "'report' (content/articles/report.md): the closest passage is "
               "'\"We will talk.\"', where the article has 'will', you wrote 'shall never'")
    assert [str(p) for p in problems] == [message.format("warning")]
    assert briefing is not None and briefing.quotes[0].anchor is None
    briefing, problems = load_and_check(content, strict=True)
    assert briefing is None and [str(p) for p in problems] == [message.format("error")]


def test_an_unverified_quote_is_marked_as_not_found_where_readers_see_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["actors/ana.yaml"]["quotes"][0]["text"] = "We shall never talk"
    content = write_content(tmp_path, files)
    build(content, tmp_path / "site", TEMPLATES, search=False)
    figure = soup(tmp_path / "site" / "actors" / "ana" / "index.html").select_one(
        "figure.quote")
    caption = figure.figcaption
    assert " ".join(caption.select_one(".unverified").get_text().split()) == (
        "Not found in the text of this source")
    assert caption.find("a", string="In the source text") is None  # never linked as verified
    assert not caption.get_text().strip().startswith("·")  # nothing before: no dot


def test_verified_quote_links_to_its_mark(content):
    briefing, problems = load_and_check(content)
    assert problems == []
    quote = briefing.quotes[0]
    assert quote.anchor == "quote-1"
    html = BeautifulSoup(quote.source.article.html, "html.parser")
    assert html.find("mark", id="quote-1").get_text() == "We will talk"


@pytest.mark.parametrize("quote, why", [
    ("all for all", "the closest passage is 'all-for-all', where the article has "
     "'all-for-all', you wrote 'all for all'"),
    ("an all for all exchange", "the closest passage is 'an all-for-all exchange,', where "
     "the article has 'all-for-all', you wrote 'all for all'"),
    ("We talk, if they come", "the closest passage is '\"We will talk, if they come.\"', "
     "where the article has 'We will talk,', you wrote 'We talk,'"),
    ("We will talk if they come", "the closest passage is '\"We will talk, if they "
     "come.\"', where the article has 'talk,', you wrote 'talk'"),
    ("we will talk, if they come", "the closest passage is '\"We will talk, if they "
     "come.\"', where the article has 'We', you wrote 'we'"),
    ("We will talk, if they come ever", "the closest passage is '\"We will talk, if they "
     "come.\"', where the article has 'come', you wrote 'come ever'"),
    ("Nothing like this is written there", "no passage of the article is close to these "
     "words"),
    ("...", "no passage of the article is close to these words"),
])
def test_a_missing_quote_is_shown_beside_the_articles_closest_passage(quote, why):
    tokens = parse_article("Ukraine offered an all-for-all exchange, which Russia did not "
                           "take up.\n\nHe said: “We will talk, if they come.” Then he "
                           "left.\n")
    assert closest_passage(tokens, quote) == why


def test_the_closest_passage_is_cut_to_a_readable_length():
    long = " ".join(f"word{n}" for n in range(60))
    why = closest_passage(parse_article(long + "\n"), " ".join(f"word{n}" for n in range(50))
                          + " extra")
    passage = why.split("'")[1]
    assert len(passage) == 100 and passage.endswith("…")


def html_of(body: str, quotes: list[str]) -> tuple[dict[str, str], str]:
    tokens = parse_article(body)
    anchors = mark_quotes(tokens, quotes)
    return anchors, str(render_tokens(tokens))


@pytest.mark.parametrize("body, quotes, html", [
    ("Ana said we will talk now.\n", ["we will talk"],
     '<p>Ana said <mark id="quote-1">we will talk</mark> now.</p>\n'),
    ("we will talk, she said.\n", ["we will talk"],  # at the paragraph's very start
     '<p><mark id="quote-1">we will talk</mark>, she said.</p>\n'),
    ("Before *em* we will talk\n", ["we will talk"],  # after emphasis: nothing before marked
     '<p>Before <em>em</em> <mark id="quote-1">we will talk</mark></p>\n'),
    ("No *point in* it.\n", ["No point in it"],  # across emphasis, one id on the first piece
     '<p><mark id="quote-1">No </mark><em><mark>point in</mark></em><mark> it</mark>.</p>\n'),
    ("He said abcd.\n", ["ab", "cd"],  # touching, not overlapping: both marked
     '<p>He said <mark id="quote-1">ab</mark><mark id="quote-2">cd</mark>.</p>\n'),
    ("serious talks now\n", ["serious talks now", "talks"],  # inside another: an empty anchor
     '<p><mark id="quote-1">serious <span id="quote-2"></span>talks now</mark></p>\n'),
    ("Two lines  \nwe will\ntalk here.\n", ["we will talk"],  # hard and soft breaks
     '<p>Two lines<br />\n<mark id="quote-1">we will</mark>\n<mark>talk</mark> here.</p>\n'),
    ("we will  \ntalk here.\n", ["we will talk"],  # a hard break inside the quote
     '<p><mark id="quote-1">we will</mark><br />\n<mark>talk</mark> here.</p>\n'),
    ("We talk.\n\n“We talk” twice.\n", ["We talk"],  # quoted at a paragraph's 2nd character
     '<p>We talk.</p>\n<p>“<mark id="quote-1">We talk</mark>” twice.</p>\n'),
    ("We talk, they talk, “talk” now, talk.\n", ["talk"],  # every occurrence looked at
     '<p>We talk, they talk, “<mark id="quote-1">talk</mark>” now, talk.</p>\n'),
])
def test_quotes_are_marked_where_they_are_and_nothing_else_changes(body, quotes, html):
    assert html_of(body, quotes)[1] == html


def test_the_first_occurrence_wins_unless_a_later_one_is_in_quote_marks():
    assert html_of("talks today, talks later.\n", ["talks"])[1] == (
        '<p><mark id="quote-1">talks</mark> today, talks later.</p>\n')
    assert html_of('talks are off, he said "talks"\n', ["talks"])[1] == (
        '<p>talks are off, he said “<mark id="quote-1">talks</mark>”</p>\n')


def test_trailing_blanks_are_not_text():
    assert normalise("a  b \n\t ") == "a b"
    assert normalise("   ") == ""


@pytest.mark.parametrize("quote, why", [
    ("we will talk soon", "the closest passage is 'we will talk', where the article has "
     "'talk', you wrote 'talk soon'"),  # as many words as the first: closer letter for letter
    ("truce", "no passage of the article is close to these words"),  # one word, absent
    ("we truce never", "no passage of the article is close to these words"),  # 1 of 3
    ("we truce never ever", "no passage of the article is close to these words"),
])
def test_the_closest_passage_is_the_most_alike(quote, why):
    body = "They said we will not talk at all.\n\nwe will talk later.\n"
    assert closest_passage(parse_article(body), quote) == why


def test_a_passage_of_the_longest_shown_length_is_shown_whole():
    words = "abcd " * 19 + "wxyz"  # 99 characters
    assert closest_passage(parse_article(words + "\n"), words + "!") == (
        f"the closest passage is '{words}', where the article has 'wxyz', you wrote 'wxyz!'")
    longer = words + "e"  # 100 characters: still whole
    assert f"'{longer}'" in closest_passage(parse_article(longer + "\n"), longer + "!")
    spaced = "a" * 98 + " " + "b" * 20  # cut at 99: the space before the cut goes
    assert f"'{'a' * 98}…'" in closest_passage(parse_article(spaced + "\n"), spaced + "!")


@pytest.mark.parametrize("body, quote, why", [
    # two passages with as many of the quote's words: the one closer letter for letter
    ("We will surely meet in Istanbul on Friday.\n\nWe will meet in Istanbul on Friday.\n",
     "We will meet in Istanbul on Thursday", "the closest passage is 'We will meet in "
     "Istanbul on', where the article has 'on', you wrote 'on Thursday'"),
    # a word far from the longest run of matching words is not part of the passage
    ("We will meet in Istanbul on Friday, said the envoy, who added that many things "
     "could happen before anyone would know more about Thursday.\n",
     "We will meet in Istanbul on Thursday", "the closest passage is 'We will meet in "
     "Istanbul on', where the article has 'on', you wrote 'on Thursday'"),
    # a word exactly three words out of line still is
    ("we will meet in Istanbul on a b c Thursday\n", "we will meet in Istanbul on Thursday",
     "the closest passage is 'we will meet in Istanbul on a b c Thursday', where the "
     "article has 'on a b c Thursday', you wrote 'on Thursday'"),
    # the run may start late in the quote and in the paragraph alike
    ("Officials in Kyiv say that we will meet in Istanbul on Friday.\n",
     "and so then we will meet in Istanbul on Thursday", "the closest passage is 'we will "
     "meet in Istanbul on', where the article has 'we', you wrote 'and so then we'"),
    # the quote's own end punctuation is left out of the comparison
    ("we will meet in Istanbul on Friday.\n", "we will meet in Istanbul on Thursday.",
     "the closest passage is 'we will meet in Istanbul on', where the article has 'on', you "
     "wrote 'on Thursday'"),
])
def test_the_closest_passage_follows_the_longest_run_of_the_quotes_words(body, quote, why):
    assert closest_passage(parse_article(body), quote) == why


def test_words_that_differ_only_in_the_marks_around_them_are_named_so():
    from briefing.linking.provenance import difference
    assert difference('"We will talk."', "We will talk") == (
        "the words differ only in the quote marks around them")
    assert difference("We will talk", "We will talk.") == (
        "the words differ only in the quote marks around them")


def test_only_punctuation_is_taken_off_the_end_of_a_quote():
    """'Plan X' is not found in 'Plan Y': only '.,;:' at the end is the reporter's."""
    anchors, _ = marked("“Plan Y,” he said.\n", ["Plan X"])
    assert anchors == {}
    anchors, _ = marked("“Plan X,” he said.\n", ["Plan X."])
    assert anchors == {"Plan X.": "quote-1"}


def test_only_quote_marks_make_an_occurrence_quoted():
    _, html = marked("Xtalks are off; he said “talks”.\n", ["talks"])
    assert html.find("mark").previous_sibling.endswith("he said “")


@pytest.mark.parametrize("passage, needle, why", [
    ("Xavier will come", "Xavier will go", "the article has 'come', you wrote 'go'"),
    ("meet at X", "meet at Y", "the article has 'X', you wrote 'Y'"),
    ("meet at Y", "meet at X", "the article has 'Y', you wrote 'X'"),
])
def test_the_difference_keeps_every_letter_of_the_words(passage, needle, why):
    from briefing.linking.provenance import difference

    assert difference(passage, needle) == why
