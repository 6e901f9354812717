"""Every URL the site writes: relative between pages, from the base path where a page
cannot know its own place, absolute only where the web needs it."""

from __future__ import annotations

import pytest

from briefing.output.urls import Urls


@pytest.mark.parametrize("base_url, base_path", [
    (None, "/"),
    ("https://example.org", "/"),
    ("https://example.org/", "/"),
    ("https://owner.github.io/repo", "/repo/"),
    ("https://owner.github.io/repo/", "/repo/"),
    ("https://owner.github.io/a/b", "/a/b/"),
    ("https://owner.github.io/repo/?q=1#x", "/repo/"),
])
def test_the_base_path_always_ends_in_a_slash(base_url, base_path):
    assert Urls(base_url).base_path == base_path


@pytest.mark.parametrize("target, page_url, expected", [
    ("actors/putin/", "", "actors/putin/"),
    ("actors/putin/", "actors/", "../actors/putin/"),
    ("", "actors/putin/", "../../"),
    ("", "", "./"),
    ("sources/#source-x", "sources/", "#source-x"),  # the same page: the fragment alone
    ("sources/", "sources/", "../sources/"),  # the same page, no fragment: a real link
    ("sources/#x", "chronology/", "../sources/#x"),
    ("style.css", "404.html", "style.css"),
    ("sources/#a#b", "sources/", "#a#b"),  # the fragment is all after the first '#'
    ("actors/#x", "sources/", "../actors/#x"),  # another page: never the fragment alone
])
def test_links_between_pages_are_relative(target, page_url, expected):
    assert Urls("https://example.org/repo/").relative(target, page_url) == expected


@pytest.mark.parametrize("base_url, target, expected", [
    (None, "actors/putin/", "/actors/putin/"),
    ("https://example.org/repo", "actors/putin/", "/repo/actors/putin/"),
    ("https://example.org/repo/", "/actors/putin/", "/repo/actors/putin/"),
    ("https://example.org/repo/", "", "/repo/"),
    ("https://example.org/repo/", "Xavier/", "/repo/Xavier/"),  # only slashes go
])
def test_paths_from_the_server_root_start_at_the_base_path(base_url, target, expected):
    assert Urls(base_url).path(target) == expected


@pytest.mark.parametrize("base_url, target, expected", [
    (None, "actors/", None),
    ("", "actors/", None),
    ("https://example.org/repo", "actors/", "https://example.org/repo/actors/"),
    ("https://example.org/repo/", "/actors/", "https://example.org/repo/actors/"),
    ("https://example.org/repo/", "", "https://example.org/repo/"),
    ("https://example.org/repo/", "//Xavier/", "https://example.org/repo/Xavier/"),
])
def test_absolute_urls_exist_only_with_a_base_url(base_url, target, expected):
    assert Urls(base_url).absolute(target) == expected


@pytest.mark.parametrize("link, escapes", [
    ("/repo/style.css", False),
    ("/repo", False),
    ("/repo/", False),
    ("/style.css", True),
    ("/repository/x", True),
    ("/", True),
    ("//cdn.example.org/x.js", False),  # another host: not the base path's business
    ("style.css", False),
    ("../style.css", False),
    ("https://example.org/x", False),
])
def test_a_root_link_escapes_unless_under_the_base_path(link, escapes):
    assert Urls("https://example.org/repo/").escapes(link) is escapes


def test_at_a_domains_root_no_root_link_escapes():
    assert not Urls("https://example.org/").escapes("/anything/")
