"""The hostile-repository suite for files, in this process: images that are not
pictures, links and names that would land elsewhere, and editors' files replaced whole
(the attacks and their reasons: tests/process/test_hostile_files.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.editor import new, translation_files
from briefing.linking.loading import load_and_check
from briefing.output.policy import content_policy
from briefing.pipeline import build
from briefing.problems import BuildFailed
from tests.helpers.common import TEMPLATES, minimal, write_content
from tests.helpers.hostile_files import seed  # noqa: F401  (fixtures)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"  # the first bytes of a PNG: enough to check
ACTOR = "name: Ana Example\nrole: Mayor\nside: north\nsummary: Ana.\n"
SRC_AT = "content/actors/ana.yaml:5:14"  # where `image: {src: …` puts the path


def with_image(tmp_path: Path, src: str, files: dict[str, bytes] | None = None) -> Path:
    """A minimal briefing whose actor shows `src`, with `files` beside it in content/."""
    written = minimal()
    written["actors/ana.yaml"] = ACTOR + f"image: {{src: '{src}', alt: Ana}}\n"
    written.update(files or {})
    return write_content(tmp_path, written)


def errors(content: Path) -> list[str]:
    return [str(p) for p in load_and_check(content)[1] if p.severity == "error"]


@pytest.mark.parametrize("src, data, why", [
    ("scripted.js", b"document.body.innerHTML = 'pwned'",
     "'src' must be a .png, .jpg, .jpeg, .gif, .webp or .avif picture, not 'scripted.js'"),
    ("images/x.html", b"<script>alert(document.domain)</script>",
     "'src' must be a .png, .jpg, .jpeg, .gif, .webp or .avif picture, not 'images/x.html'"),
    ("images/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "'src' must be a .png, .jpg, .jpeg, .gif, .webp or .avif picture, not 'images/x.svg' (an "
     "SVG can run script when opened on its own: export it as PNG, or show it from an "
     "https:// address)"),
    ("images/x.png", b"<!doctype html><script>alert(1)</script>",
     "content/images/x.png is not a PNG picture (its first bytes are not a PNG's): save it as "
     "PNG, or name it for the format it is in"),
])
def test_an_image_that_is_not_a_picture_is_refused_and_nothing_is_published(
        tmp_path: Path, monkeypatch, src: str, data: bytes, why: str):
    monkeypatch.chdir(tmp_path)
    content = with_image(tmp_path, src, {src: data})
    assert errors(content.relative_to(tmp_path)) == [f"{SRC_AT}: error: {why}"]
    with pytest.raises(BuildFailed):
        build(content, tmp_path / "site", TEMPLATES, search=False)
    assert not (tmp_path / "site").exists()


def outside(tmp_path: Path) -> Path:
    """A picture outside content/, as an attacker's link would reach one."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.png").write_bytes(PNG + b"SECRET")
    return tmp_path / "elsewhere"


@pytest.mark.parametrize("src, link, target, why", [
    ("images/x.png", "images/x.png", lambda t: outside(t) / "secret.png",
     "content/images/x.png is a symbolic link"),
    ("images/x.jpg", "images/x.jpg", lambda t: Path("/proc/self/environ"),
     "content/images/x.jpg is a symbolic link"),
    ("images/secret.png", "images", outside, "content/images is a symbolic link"),
])
def test_an_image_through_a_symbolic_link_is_refused(tmp_path: Path, monkeypatch, src: str,
                                                     link: str, target, why: str):
    monkeypatch.chdir(tmp_path)
    content = with_image(tmp_path, src)
    (content / link).parent.mkdir(parents=True, exist_ok=True)
    (content / link).symlink_to(target(tmp_path))
    assert errors(Path("content")) == [
        f"{SRC_AT}: error: {why}: put the picture itself in content/ (a link could publish a "
        "file from anywhere)"]
    with pytest.raises(BuildFailed):
        build(content, tmp_path / "site", TEMPLATES, search=False)
    assert not (tmp_path / "site").exists()


def test_an_image_named_like_a_static_file_lands_in_media_not_over_it(tmp_path: Path):
    content = with_image(tmp_path, "share.png", {"share.png": PNG + b"the editor's"})
    build(content, tmp_path / "site", TEMPLATES, search=False)
    site = tmp_path / "site"
    assert (site / "share.png").read_bytes() == (TEMPLATES / "static" / "share.png").read_bytes()
    assert (site / "media" / "share.png").read_bytes() == PNG + b"the editor's"


def test_a_static_file_in_the_media_folder_is_refused(tmp_path: Path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "static" / "media").mkdir()
    (templates / "static" / "media" / "x.png").write_bytes(PNG)
    with pytest.raises(BuildFailed) as failed:
        build(write_content(tmp_path, minimal()), tmp_path / "site", templates, search=False)
    assert [p.message for p in failed.value.problems] == [
        "the site's media/ holds the pictures from content/: move this file elsewhere in "
        "templates/static/"]
    assert failed.value.problems[0].path.endswith("templates/static/media/x.png")


@pytest.mark.parametrize("src", ["https://a.example;connect-src *",
                                 "https://a.example;script-src", "https://a.example,evil.example",
                                 "https://a.example'/x.jpg", "https://user@a.example/x.jpg",
                                 "https://a.example:99999/x.jpg"])
def test_an_image_url_that_would_widen_the_pages_policy_is_refused(tmp_path: Path, monkeypatch,
                                                                  src: str):
    monkeypatch.chdir(tmp_path)
    with_image(tmp_path, src.replace("'", "''"))
    assert errors(Path("content")) == [
        f"{SRC_AT}: error: 'src' must be an https:// address with a host name (such as "
        "images.example.org, with :port if any) and no white space, quotes, ';' or ',' "
        f"(write a ',' as %2C), not '{src}'"]


def test_the_policy_names_an_image_hosts_origin_alone(tmp_path: Path):
    content = with_image(tmp_path, "https://Images.Example.org:8443/a/b.jpg?w=1#x")
    briefing, problems = load_and_check(content)
    assert briefing is not None, problems
    assert "img-src 'self' https://images.example.org:8443;" in content_policy(briefing)


def test_folders_a_killed_build_left_are_swept(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path, minimal())
    for name in (".site-new-k1ll3d_a", ".site-old-k1ll3d_b", ".site-new-notmine", ".sitemap"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("left")
    build(content, tmp_path / "site", TEMPLATES, search=False)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [
        ".site-new-notmine", ".sitemap"]  # only the names a build gives its own


def test_a_build_killed_mid_swap_gets_its_old_site_back(tmp_path: Path, monkeypatch):
    """Killed between the swap's two renames: no site/, the old one beside it. The next
    build, even one that fails, starts by putting it back."""
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path, minimal())
    build(content, tmp_path / "site", TEMPLATES, search=False)
    (tmp_path / "site").rename(tmp_path / ".site-old-abcd1234")
    (content / "chronology.yaml").write_text("- date: soon\n  title: Talks\n")
    with pytest.raises(BuildFailed):
        build(content, tmp_path / "site", TEMPLATES, search=False)
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / ".site-old-abcd1234").exists()


def save_while_checking(monkeypatch, path: Path, text: bytes) -> None:
    """An editor saves `path` just after `new` has checked the briefing with its entry
    (the second check: the first is of the briefing as it was), as a save during a
    check of a large briefing would."""
    real = new.load_and_check
    calls: list[int] = []

    def checking(*args, **kwargs):
        checked = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            path.write_bytes(text)
        return checked

    monkeypatch.setattr(new, "load_and_check", checking)


@pytest.mark.parametrize("actors, why", [
    ("zelensky", "content/chronology.yaml changed while 'new' ran; nothing was written: run it "
                 "again"),
    ("zelenskyy", "--actors: unknown actor 'zelenskyy'"),  # a mistake: nothing restored over it
])
def test_new_never_writes_over_an_edit_made_while_it_ran(seed: Path, monkeypatch, actors: str,  # noqa: F811
                                                         why: str):
    path = Path("content/chronology.yaml")
    edited = path.read_bytes() + b"# the editor's line, saved meanwhile\n"
    save_while_checking(monkeypatch, path, edited)
    with pytest.raises(new.Refused, match=why.replace("(", r"\(").replace(")", r"\)")):
        new.new_entry("event", Path("content"), {"date": "2025-05-16", "title": "Talks",
                                                      "actors": [actors]}, None, None)
    assert path.read_bytes() == edited
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_translations_never_write_over_a_save_made_while_they_ran(seed: Path, monkeypatch):  # noqa: F811
    chronology = seed / "chronology.yaml"  # an original changed: its translation is refreshed
    chronology.write_text(chronology.read_text().replace(
        "Russia launches its full-scale invasion", "Russia launches a full-scale invasion", 1))
    translation = seed / "translations" / "uk" / "chronology.yaml"
    real = translation_files.rewritten

    def rewritten(raw, items, given, lang, name, work, accept):
        text = real(raw, items, given, lang, name, work, accept)
        if lang == "uk" and name == "chronology.yaml":  # the translator saves, meanwhile
            translation.write_text(translation.read_text() + "# the translator's note\n")
        return text

    monkeypatch.setattr(translation_files, "rewritten", rewritten)
    with pytest.raises(translation_files.CannotConfirm,
                       match="content/translations/uk/chronology.yaml changed while "
                             "'translations' ran; nothing was written: run it again"):
        translation_files.refresh(Path("content"), "uk")
    assert translation.read_text().endswith("# the translator's note\n")


def test_a_link_where_a_file_is_written_is_replaced_not_followed(tmp_path: Path):
    """A link left where a file is to be written (a tag's code, say) is replaced by the
    file: its target keeps its bytes, and the file does not take the target's mode."""
    from briefing.files import write_atomically

    target = tmp_path / "elsewhere.txt"
    target.write_text("kept")
    target.chmod(0o700)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "editions.json").symlink_to(target)
    write_atomically(tmp_path / "out" / "editions.json", b"{}\n", durable=False)
    written = tmp_path / "out" / "editions.json"
    assert not written.is_symlink() and written.read_bytes() == b"{}\n"
    assert target.read_text() == "kept" and written.stat().st_mode & 0o777 != 0o700
