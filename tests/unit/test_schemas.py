"""JSON Schemas for editors' YAML servers: generated from the loader's field tables, so
the committed copies must be current, the seed must pass them, and for every record
they judge alike with the loader (ids that exist and calendar days are the loader's)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.editor.schemas import FILES, content_schemas, schema_text
from briefing.pipeline import load_and_check
from tests.helpers.common import ROOT, SEED, minimal, write_content
from tests.helpers.schemas import Yaml12Loader


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(content_schemas()[name])


def test_committed_schemas_are_current():
    """`python build.py schemas` regenerates them; run it after changing schema.py."""
    made = content_schemas()
    assert sorted(p.name for p in (ROOT / "schema").glob("*.json")) == sorted(made)
    for name, body in made.items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == schema_text(body), name


def test_vscode_maps_each_content_file_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    for name, (files, _, _) in FILES.items():
        if files.endswith(".yaml"):
            assert mapping[f"./schema/{name}"] in (files, [files]), name
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text())
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def seed_documents() -> list[tuple[str, Path, object]]:
    docs = []
    for name, (files, _, _) in FILES.items():
        for path in sorted(SEED.parent.glob(files)):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".md":
                text = text.split("---\n")[1]  # the front matter
            docs.append((name, path, yaml.load(text, Loader=Yaml12Loader)))
    return docs


def test_the_seed_passes_its_schemas():
    docs = seed_documents()
    assert {name for name, _, _ in docs} == set(FILES)
    assert len(docs) == 15 + 2 * 14  # briefing, 8 actors, 5 lists, 1 article; uk, ru
    for name, path, doc in docs:
        errors = [e.message for e in validator(name).iter_errors(doc)]
        assert errors == [], path


ACTOR = "name: Ana Example\nrole: Mayor\nside: north\nsummary: Ana.\n"
EVENT = "- date: 2026-03-12\n  title: Talks\n  sources: [report]\n"
ISSUE = "- id: talks\n  issue: Talks?\n  stances:\n    north: {position: Yes.}\n"
SOURCE = "- id: report\n  title: A report\n  article: report\n"
BRIEFING = ("title: Test\nsummary: A test.\nupdated: 2026-03-12\nsides:\n"
            "  - {id: north, name: The North}\n  - {id: south, name: The South}\n")

# (file, text, valid?): each judged by the schema and by the loader
AGREE = [
    ("actors/ana.yaml", ACTOR, True),
    ("actors/ana.yaml", ACTOR + "country: 1984\n", True),  # any scalar is text
    ("actors/ana.yaml", ACTOR + "country:\n", True),  # an optional field left empty
    ("actors/ana.yaml", ACTOR + "contry: Norway\n", False),  # unknown field
    ("actors/ana.yaml", ACTOR.replace("role: Mayor\n", ""), False),  # missing required
    ("actors/ana.yaml", ACTOR.replace("Mayor", "[Mayor, Poet]"), False),
    ("actors/ana.yaml", ACTOR.replace("Mayor", '"   "'), False),  # blank
    ("actors/ana.yaml", ACTOR.replace("Mayor", '"May\\x07or"'), False),  # control character
    ("actors/ana.yaml", ACTOR.replace("Mayor", "May\u202eor"), False),  # bidi override
    ("actors/ana.yaml", ACTOR.replace("Mayor", '"May\\u2066or"'), False),  # … as an escape
    ("actors/ana.yaml", ACTOR.replace("Mayor", '"May\\x9bor"'), False),  # C1 control
    ("actors/ana.yaml", ACTOR.replace("Mayor", '"May\\Lor"'), False),  # line separator
    ("actors/ana.yaml", ACTOR.replace("Mayor", "May\u200bor"), True),  # a warning only
    ("actors/ana.yaml", ACTOR.replace("Mayor", "می\u200cخواهم"), True),  # Persian ZWNJ
    ("actors/ana.yaml", ACTOR.replace("Mayor", "\u05e8\u05d0\u05e9 \u200fMayor"), True),
    ("actors/ana.yaml", ACTOR.replace("side: north", "side: North Side"), False),
    ("actors/ana.yaml", ACTOR + "links:\n  - {title: Home, url: https://example.org/}\n", True),
    ("actors/ana.yaml", ACTOR + "links:\n  - {title: Home, url: example.org}\n", False),
    ("actors/ana.yaml", ACTOR + "links:\n  - {title: Home, url: 'javascript:x'}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: https://example.org/a.jpg, alt: Ana}\n", True),
    ("actors/ana.yaml", ACTOR + "image: {src: ../a.jpg, alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: /a.jpg, alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'http://example.org/a.jpg', alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: https://example.org/a.jpg}\n", False),
    # pictures only, by extension (their bytes are the loader's); origins that cannot
    # widen the pages' Content-Security-Policy
    ("actors/ana.yaml", ACTOR + "image: {src: scripted.js, alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: images/x.html, alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: images/x.svg, alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: images/.x.png, alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'images/a#b.png', alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'https://a.example;connect-src *', alt: Ana}\n",
     False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'https://a.example/a,b.jpg', alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'https://a@b.example/a.jpg', alt: Ana}\n", False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'https://b.example:70000/a.jpg', alt: Ana}\n",
     False),
    ("actors/ana.yaml", ACTOR + "image: {src: 'https://B.example:8443/a.jpg?w=1', alt: Ana}\n",
     True),
    ("actors/ana.yaml", ACTOR + "quotes:\n  - {text: We will talk, source: report}\n", True),
    ("actors/ana.yaml", ACTOR + "quotes:\n  - {text: We will talk}\n", False),
    ("actors/ana.yaml", ACTOR + "quotes: We will talk\n", False),
    ("chronology.yaml", EVENT, True),
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026"), True),
    ("chronology.yaml", EVENT.replace("2026-03-12", "'2026-03'"), True),
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026-13"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "12 March 2026"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "26"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026-3-12"), False),  # two digits
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026-03-2"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026-3"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "'2026-3-12'"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026/03/12"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "2026-03-12T10:00"), False),
    ("chronology.yaml", EVENT.replace("2026-03-12", "'2026'"), True),
    ("chronology.yaml", EVENT.replace("2026-03-12", "'0999'"), False),
    ("chronology.yaml", EVENT + "  end: 2026-3-14\n", False),
    ("chronology.yaml", EVENT + "  quote: {text: We will talk, source: report}\n", True),
    ("chronology.yaml", EVENT + "  quote: {text: “We will talk”, source: report}\n", False),
    ("chronology.yaml", EVENT + "  quote: {text: '\"We will talk\"', source: report}\n",
     False),
    ("chronology.yaml", EVENT + "  quote: {text: «Мы поговорим», source: report}\n", False),
    ("chronology.yaml", EVENT + "  quote: {text: ‘We will talk’, source: report}\n", False),
    ("chronology.yaml", EVENT + "  quote: {text: We “will” talk, source: report}\n", True),
    ("chronology.yaml", EVENT + "  quote: {text: '\"', source: report}\n", True),
    ("chronology.yaml", EVENT + "  approximate: true\n", True),
    ("chronology.yaml", EVENT + "  approximate: maybe\n", False),
    ("chronology.yaml", EVENT + "  id: talks-open\n", True),
    ("chronology.yaml", EVENT + "  id: Talks Open\n", False),
    ("chronology.yaml", EVENT.replace("[report]", "report"), False),  # a list, as a word
    ("chronology.yaml", "date: 2026\ntitle: Talks\n", False),  # not a list
    ("positions.yaml", ISSUE, True),
    ("positions.yaml", ISSUE + "  status: narrowing\n", True),
    ("positions.yaml", ISSUE + "  status: far apart\n", False),
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "Yes."), False),
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "{detail: Yes.}"), False),
    ("positions.yaml", ISSUE.replace("    north:", "    North:"), False),
    ("sources.yaml", SOURCE, True),
    ("sources.yaml", SOURCE + "  published: 2025-05-11\n  url: https://example.org/\n", True),
    ("sources.yaml", SOURCE + "  url: ftp://example.org/\n", False),
    ("sources.yaml", SOURCE.replace("  title: A report\n", ""), False),
    ("briefing.yaml", BRIEFING, True),
    ("briefing.yaml", BRIEFING + "language: pt-BR\ncname: briefing.example.org\n", True),
    ("briefing.yaml", BRIEFING + "language: Portuguese (Brazil)\n", False),
    ("briefing.yaml", BRIEFING + "cname: https://briefing.example.org/\n", False),
    ("briefing.yaml", BRIEFING.replace("2026-03-12", "2026-03"), False),  # day needed
    ("briefing.yaml", BRIEFING.replace("2026-03-12", "2026-3-12"), False),
    ("briefing.yaml", BRIEFING.replace("2026-03-12", "2026"), False),
    ("briefing.yaml", BRIEFING.replace("2026-03-12", "'0999-01-01'"), False),
    ("briefing.yaml", BRIEFING + "key_points: [One, Two]\n", True),
    ("briefing.yaml", BRIEFING + "key_points: One\n", False),
]
CHANGE = "- id: x\n  at: 2026-03-12\n  kind: update\n  summary: S.\n  affects: [briefing]\n"
AGREE += [
    ("changes.yaml", CHANGE, True),
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-03-12T09:30+03:00"), True),
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-03-12T09:30:15Z"), True),
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-03-12T09:30"), False),  # no offset
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-03-12T24:00Z"), False),
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-03-12T09:30+15:00"), False),
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-03"), False),
    ("changes.yaml", CHANGE.replace("2026-03-12", "2026-3-12"), False),
    ("changes.yaml", CHANGE.replace("2026-03-12", "'2026-03-12 09:30'"), False),
    ("changes.yaml", CHANGE.replace("update", "fix"), False),
    ("changes.yaml", CHANGE.replace("[briefing]", "[actor:ana, event:2026-03-12-talks-open,"
                                                  " issue:talks, source:report, "
                                                  "article:report]"), True),
    ("changes.yaml", CHANGE.replace("[briefing]", "[actor: ana]"), False),  # {actor: ana}
    ("changes.yaml", CHANGE.replace("[briefing]", "[ana]"), False),
    ("changes.yaml", CHANGE.replace("[briefing]", "[person:ana]"), False),
    ("changes.yaml", CHANGE.replace("[briefing]", "[actor:Ana]"), False),
    ("changes.yaml", CHANGE.replace("[briefing]", "briefing"), False),  # a list
    ("changes.yaml", CHANGE + "  minor: true\n", True),
    ("changes.yaml", CHANGE + "  minor: yes\n", False),
    ("changes.yaml", CHANGE + "  adds: [actor:ana]\n", True),
    ("changes.yaml", CHANGE.replace("update", "correction") + "  was: W.\n", True),
    ("changes.yaml", CHANGE + "  note: N.\n", False),
    ("changes.yaml", CHANGE.replace("  summary: S.\n", ""), False),
    ("changes.yaml", CHANGE.replace("id: x", "id: X y"), False),
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "{position: Yes., as_of: 2026-03}"),
     True),
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "{position: Yes., as_of: soon}"),
     False),
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "{position: Yes., history: [{as_of: "
                                     "2026-01, position: No.}]}"), True),
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "{position: Yes., history: [{"
                                     "position: No.}]}"), False),  # no as_of
    ("positions.yaml", ISSUE.replace("{position: Yes.}", "{position: Yes., history: "
                                     "No.}"), False),
    ("positions.yaml", ISSUE + "  status: agreed\n  as_of: 2026-03-12\n  history:\n"
     "    - {as_of: 2026-01, status: far-apart, note: at first}\n", True),
    ("positions.yaml", ISSUE + "  history:\n    - {as_of: 2026-01}\n", False),  # no status
    ("positions.yaml", ISSUE + "  history:\n    - {as_of: 2026-01, status: far}\n", False),
    ("briefing.yaml", BRIEFING + "stale_after_days: 14\n", True),
    ("briefing.yaml", BRIEFING + "stale_after_days: 0\n", False),
    ("briefing.yaml", BRIEFING + "stale_after_days: two weeks\n", False),
]
CLAIM = ("- id: x\n  claim: C.\n  status: confirmed\n  note: N.\n  as_of: 2026-03-12\n"
         "  sources: [report]\n")
AGREE += [
    ("claims.yaml", CLAIM, True),
    ("claims.yaml", CLAIM.replace("confirmed", "confirmd"), False),
    ("claims.yaml", CLAIM.replace("  note: N.\n", ""), False),
    ("claims.yaml", CLAIM.replace("2026-03-12", "soon"), False),
    ("claims.yaml", CLAIM + "  by:\n    - {actor: ana, source: report, quote: We will talk}\n",
     True),
    ("claims.yaml", CLAIM + "  by:\n    - {actor: ana}\n", False),  # no source
    ("claims.yaml", CLAIM + "  by:\n    - {actor: ana, source: report, quote: “We”}\n",
     False),
    ("claims.yaml", CLAIM + "  against:\n    - {side: north, source: report, said: x}\n",
     False),
    ("claims.yaml", CLAIM + "  issue: talks\n", True),
    ("claims.yaml", CLAIM + "  history:\n    - {as_of: 2026-03-01, status: open, note: N.}\n",
     True),
    ("claims.yaml", CLAIM + "  history:\n    - {as_of: 2026-03-01, status: open}\n", False),
    ("sources.yaml", SOURCE + "  side: north\n", True),
    ("sources.yaml", SOURCE + "  side: North\n", False),
    ("briefing.yaml", BRIEFING + "claim_review: true\n", True),
    ("briefing.yaml", BRIEFING + "claim_review: yes\n", False),
]
SCHEMA_OF = {"changes.yaml": "changes.schema.json", "claims.yaml": "claims.schema.json",
             "actors/ana.yaml": "actor.schema.json", "chronology.yaml": "chronology.schema.json",
             "positions.yaml": "positions.schema.json", "sources.yaml": "sources.schema.json",
             "briefing.yaml": "briefing.schema.json"}


@pytest.mark.parametrize("path, text, valid", AGREE,
                         ids=[f"{p}:{n}" for n, (p, _, _) in enumerate(AGREE)])
def test_schema_and_loader_agree(tmp_path: Path, monkeypatch, path: str, text: str, valid: bool):
    monkeypatch.chdir(tmp_path)
    schema_errors = list(validator(SCHEMA_OF[path]).iter_errors(
        yaml.load(text, Loader=Yaml12Loader)))
    files = minimal()
    files[path] = text
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path))
    loader_errors = [p for p in problems if p.severity == "error"]
    assert (schema_errors == []) is valid, [e.message for e in schema_errors]
    assert (loader_errors == []) is valid, [str(p) for p in loader_errors]
