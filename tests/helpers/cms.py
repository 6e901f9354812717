"""The real Sveltia CMS bundle in headless Chromium, offline: its "local repository"
backend reads and writes a folder of the browser's own file system (OPFS), filled with
the repository's files, where a person would pick their clone with showDirectoryPicker.
What it requested, logged and saved is kept for the tests to judge."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, expect

REPO = "briefing-repo"  # the OPFS folder that stands for the newsroom's clone
BLANK = "/__fill-opfs__"  # answered by the test's route, never by the server
TIMEOUT = 30_000  # ms: the first load parses a 2 MB bundle on a busy 2-core machine

# Runs before any script of the page: the picker hands over the OPFS folder (which has
# the `.git` entry the backend asks for), and permission is always granted.
PICKER = f"""
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('{REPO}');
FileSystemHandle.prototype.requestPermission = async () => 'granted';
FileSystemHandle.prototype.queryPermission = async () => 'granted';
"""

FILL = """async ([name, files]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(name, {recursive: true}).catch(() => {});
  const repo = await root.getDirectoryHandle(name, {create: true});
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = repo;
    for (const part of parts.slice(0, -1))
      dir = await dir.getDirectoryHandle(part, {create: true});
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true}))
      .createWritable();
    await writable.write(bytes);
    await writable.close();
  }
}"""

HOLDS = """async ([name, path, text]) => {
  try {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    const file = await (await dir.getFileHandle(parts.at(-1))).getFile();
    return (await file.text()).includes(text);
  } catch { return false; }  // not there yet, or being written
}"""

READ = """async (name) => {
  const out = {};
  const walk = async (dir, prefix) => {
    for await (const [entry, handle] of dir.entries()) {
      const path = prefix + entry;
      if (handle.kind === 'directory') { await walk(handle, path + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out[path] = btoa(text);
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(name), '');
  return out;
}"""


@dataclass
class CmsLog:
    """Everything the page said and asked for, in order."""

    origin: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        line = f"{message.type}: {message.text}"
        self.console.append(line)
        if message.type == "error":
            self.errors.append(line)

    def on_request(self, request: Request) -> None:
        self.requests.append(f"{request.method} {request.url}")

    def on_failed(self, request: Request) -> None:
        self.failed.append(f"{request.method} {request.url}: {request.failure}")

    def foreign(self) -> list[str]:
        """Requests that left the test server (data: and blob: URLs are the page's own)."""
        return [r for r in self.requests
                if not r.split(" ", 1)[1].startswith((self.origin, "data:", "blob:"))]


def repository_files(content: Path) -> dict[str, bytes]:
    """A clone as the CMS sees it: `content/...` and the `.git` entry it checks for."""
    files = {f"content/{p.relative_to(content).as_posix()}": p.read_bytes()
             for p in sorted(content.rglob("*")) if p.is_file()}
    return {".git/HEAD": b"ref: refs/heads/main\n", **files}


def fill_repository(page: Page, files: dict[str, bytes]) -> None:
    encoded = {path: base64.b64encode(data).decode() for path, data in files.items()}
    page.evaluate(FILL, [REPO, encoded])


def read_repository(page: Page) -> dict[str, bytes]:
    """Every file of the OPFS clone, as the CMS left it."""
    return {path: base64.b64decode(data) for path, data in page.evaluate(READ, REPO).items()}


def write_content(files: dict[str, bytes], content: Path) -> list[Path]:
    """The clone's content/ files written over a folder on disk (e.g. a seed's copy)."""
    written = []
    for path, data in files.items():
        if path.startswith("content/"):
            target = content / path.removeprefix("content/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
    return written


@contextmanager
def open_cms(browser: Browser, admin_url: str, files: dict[str, bytes]
             ) -> Iterator[tuple[Page, CmsLog]]:
    """A fresh context on /admin/, signed in to the local repository holding `files`.
    Requests off the test server are aborted (and stay in the log), never sent."""
    origin = admin_url.split("/", 3)[:3]
    log = CmsLog("/".join(origin))
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  locale="en-US", service_workers="block")
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(log.origin) else route.abort())
    context.route(log.origin + BLANK, lambda route: route.fulfill(
        body="<!doctype html><title>OPFS</title>", content_type="text/html"))
    context.add_init_script(PICKER)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.on("console", log.on_console)
    page.on("pageerror", lambda exc: log.errors.append(f"pageerror: {exc}"))
    page.on("request", log.on_request)
    page.on("requestfailed", log.on_failed)
    try:
        page.goto(log.origin + BLANK)  # the admin's origin, hence its OPFS
        fill_repository(page, files)
        log.requests.clear()
        page.goto(admin_url)
        sign_in(page)
        yield page, log
    finally:
        context.close()


def sign_in(page: Page) -> None:
    """The sign-in page's local-repository button; the picker is ours."""
    page.get_by_role("button", name="Work with Local Repository").click()
    expect(page.get_by_role("navigation").first).to_be_visible()


# Driving the editor. Sveltia wraps names it interpolates in Unicode isolates
# (U+2068 … U+2069: "Add ⁨Events⁩", "“⁨Actors⁩” Field"), so names are matched by pattern.
def named(template: str, name: str) -> re.Pattern[str]:
    """`template` with `{}` standing for `name`, isolated or not, as a whole name."""
    before, after = (re.escape(part) for part in template.split("{}"))
    return re.compile(f"^{before}\u2068?{re.escape(name)}\u2069?{after}$")


def open_collection(page: Page, label: str) -> list[str]:
    """The labels of a collection's entries (its files, for a collection of files)."""
    page.get_by_role("treeitem", name=label, exact=True).click()
    expect(page.get_by_role("main", name=named("{} Collection", label))).to_be_visible()
    grid = page.get_by_role("grid", name=re.compile("^(Entries|Files)$"))
    expect(grid.get_by_role("row").first).to_be_visible()
    return [text.strip() for text in grid.get_by_role("row").all_inner_texts() if text.strip()]


def open_entry(page: Page, collection: str, entry: str) -> None:
    """An entry's editor, from its collection's list."""
    open_collection(page, collection)
    page.get_by_role("row", name=entry, exact=True).click()
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_visible()


def list_items(page: Page, field_label: str) -> Locator:
    """The items of the editor's list field (its nested lists' items excluded)."""
    field = page.get_by_role("group", name=named("“{}” Field", field_label))
    return field.get_by_role("group").filter(
        has=page.get_by_role("button", name="Reorder Item", exact=True)).filter(
        has=page.get_by_role("textbox", name="ID", exact=True))


def add_item(page: Page, field_label: str, item_label: str) -> Locator:
    """A new item at the end of a root list ("Add Event"). The list's items are shown
    collapsed, the new one open: the list's field, whose only open item it is, is the
    scope to fill it in."""
    box = field(page, field_label)
    ids = box.get_by_role("textbox", name="ID", exact=True)
    before = ids.count()
    page.get_by_role("button", name=named("Add {}", item_label)).last.click()
    expect(ids).to_have_count(before + 1)
    ids.last.scroll_into_view_if_needed()
    return box


def expand_all(page: Page, field_label: str) -> None:
    """Every item of a root list open (they are shown collapsed; a list of one has no
    "Expand All", only its item's "Expand")."""
    box = field(page, field_label)
    every = box.get_by_role("button", name="Expand All", exact=True)
    (every if every.count() else box.get_by_role("button", name="Expand", exact=True)
     ).first.click()
    expect(list_items(page, field_label).first).to_be_visible()


def field(scope: Page | Locator, label: str) -> Locator:
    return scope.get_by_role("group", name=named("“{}” Field", label)).last


def pick(scope: Page | Locator, label: str, option: str) -> None:
    """Choose in a relation or select field: Sveltia shows a few options as checkboxes
    or radio buttons and more as a combobox with a listbox."""
    box = field(scope, label)
    choice = box.get_by_role("checkbox", name=option, exact=True).or_(
        box.get_by_role("radio", name=option, exact=True))
    if choice.count():
        choice.check()
        return
    box.get_by_role("combobox").click()
    box.page.get_by_role("option", name=option, exact=True).click()
    expect(box.get_by_role("row", name=re.compile(re.escape(option)))).to_be_visible()


def fill(scope: Page | Locator, label: str, text: str) -> None:
    """Type into a text field; again if the form, drawn then filled with its defaults
    (a new entry's), cleared it meanwhile (seen on a busy machine)."""
    box = scope.get_by_role("textbox", name=label, exact=True)
    for _ in range(3):
        box.fill(text)
        try:
            expect(box).to_have_value(text, timeout=2_000)
            return
        except AssertionError:
            continue
    expect(box).to_have_value(text)


def type_markdown(scope: Page | Locator, label: str, text: str) -> None:
    """A Markdown field is a rich-text editor: typed into, never filled."""
    editor = field(scope, label).get_by_role("textbox", name=label, exact=True)
    editor.click()
    editor.page.keyboard.type(text)
    expect(editor).to_contain_text(text)


def save(page: Page, path: str, text: str) -> None:
    """Save, then wait until the clone's file at `path` holds `text`: the editor closes
    and says "Entry saved" a moment before the file is written."""
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_hidden()
    page.wait_for_function(HOLDS, arg=[REPO, path, text], polling=100)


def slug(name: str) -> str:
    """The file name Sveltia makes from `{{name}}` (ASCII names only, here)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def add_actor(page: Page, name: str, role: str, side: str, summary: str) -> None:
    """A new actor (the file is named from the name), saved."""
    open_collection(page, "Actors")
    page.get_by_role("button", name="Create New Entry").click()
    # The form is drawn, then filled with the defaults: wait for the second
    expect(page.get_by_role("status").filter(has_text="creating a new entry")).to_be_visible()
    fill(page, "Name", name)
    fill(page, "Role", role)
    pick(page, "Side", side)
    type_markdown(page, "Summary", summary)
    save(page, f"content/actors/{slug(name)}.yaml", f"name: {name}")


def add_event(page: Page, date: str, title: str, actor: str, source: str) -> None:
    """A new event at the end of the chronology, its actor and source picked, saved."""
    open_entry(page, "Chronology", "Chronology")
    item = add_item(page, "Events", "Event")
    fill(item, "Date", date)
    fill(item, "Title", title)
    pick(item, "Actors", actor)
    pick(item, "Sources", source)
    save(page, "content/chronology.yaml", title)


def add_change(page: Page, id: str, at: str, kind: str, summary: str,  # noqa: A002
               affects: list[str]) -> None:
    """A new entry at the end of the change log, saved."""
    open_entry(page, "Changes", "Changes")
    item = add_item(page, "Changes", "Change")
    fill(item, "ID", id)
    fill(item, "Published at", at)
    pick(item, "Kind", kind.capitalize())  # shown as a word, written as the value
    fill(item, "Summary", summary)
    affected = field(item, "Affects")
    for n, value in enumerate(affects):
        affected.get_by_role("button", name=named("Add {}", "Affects")).click()
        box = affected.get_by_role("textbox")
        expect(box).to_have_count(n + 1)
        box.nth(n).fill(value)
    save(page, "content/changes.yaml", f"id: {id}")
