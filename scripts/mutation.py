"""Mutation testing of the core modules with mutmut: is each rule of the code held by a
test that fails when the rule is broken?

    .venv/bin/pip install -e ".[mutation]"
    .venv/bin/python scripts/mutation.py                              # every core module
    .venv/bin/python scripts/mutation.py model/dates output/urls     # some of them

Each module is mutated in a scratch copy of the project (mutmut writes `mutants/` beside
its configuration), with the unit tests that cover it (in tests/unit). Tests that run
build.py in a process of their own (tests/process, marked `process` by their folder) are
left out, since a mutant lives only in the test run's process, and so are those in
Chromium (tests/browser, marked `browser`). Prints a table of
killed / all mutants per module and, for each module, the survivors (what each mutant
changes).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# module → the unit tests that cover it (paths under tests/; in-process ones: see above)
MODULES = {
    "model/dates": ["unit/test_dates.py", "unit/test_linker.py", "unit/test_contract.py",
                    "unit/test_history.py"],
    "reading/fields": ["unit/test_fields.py", "unit/test_linker.py", "unit/test_schemas.py",
                       "unit/test_history.py"],
    "reading/scalar_fields": ["unit/test_fields.py", "unit/test_linker.py",
                              "unit/test_schemas.py"],
    "reading/composite_fields": ["unit/test_fields.py", "unit/test_linker.py",
                                 "unit/test_schemas.py", "unit/test_history.py"],
    "reading/ids": ["unit/test_fields.py", "unit/test_linker.py", "unit/test_ids.py",
                    "unit/test_event_ids.py"],
    "reading/suggestions": ["unit/test_fields.py", "unit/test_linker.py", "unit/test_ids.py"],
    "reading/yamlsource": ["unit/test_yamlsource.py", "unit/test_linker.py"],
    "output/urls": ["unit/test_urls.py", "unit/test_pipeline.py", "unit/test_contract.py"],
    "linking/linker": ["unit/test_linker.py", "unit/test_model.py", "unit/test_articles.py",
                       "unit/test_provenance.py", "unit/test_contract.py",
                       "unit/test_history.py"],
    "linking/articles": ["unit/test_articles.py", "unit/test_linker.py",
                         "unit/test_provenance.py"],
    "linking/provenance": ["unit/test_provenance.py", "unit/test_linker.py"],
    "output/write": ["unit/test_write.py", "unit/test_pipeline.py"],
    "linking/markdown": ["unit/test_markdown.py", "unit/test_contract.py"],
    "problems": ["unit/test_problems.py", "unit/test_linker.py"],
}
COPIED = ["briefing", "templates", "content", "tests", "schema", ".vscode", "build.py",
          "pyproject.toml"]


def configure(scratch: Path, module: str) -> None:
    tests = "\n    ".join(f"tests/{name}" for name in MODULES[module]
                           if (ROOT / "tests" / name).is_file())
    (scratch / "setup.cfg").write_text(f"""[mutmut]
source_paths=briefing
only_mutate=briefing/{module}.py
pytest_add_cli_args_test_selection=
    {tests}
pytest_add_cli_args=-m
    not process and not browser
    -p
    no:cacheprovider
also_copy=templates
    content
    tests
    schema
    .vscode
    build.py
    setup.cfg
""")


def mutate(module: str, workdir: Path) -> dict[str, object]:
    scratch = workdir / module.replace("/", "-")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, scratch / name)
    configure(scratch, module)
    mutmut = Path(sys.executable).with_name("mutmut")
    run = subprocess.run([str(mutmut), "run"], cwd=scratch, capture_output=True, text=True)
    if run.returncode != 0:  # e.g. a test failing before any mutant: say so, go on
        print(f"mutmut failed on {module}:\n{run.stdout[-3000:]}{run.stderr[-3000:]}",
              file=sys.stderr)
        return {"killed": 0, "timeout": 0, "total": 0, "skipped": 0, "survivors": {}}
    subprocess.run([str(mutmut), "export-cicd-stats"], cwd=scratch, check=True,
                   capture_output=True)
    stats = json.loads((scratch / "mutants" / "mutmut-cicd-stats.json").read_text())
    results = subprocess.run([str(mutmut), "results"], cwd=scratch, capture_output=True,
                             text=True).stdout
    survivors = [line.strip().split(":")[0] for line in results.splitlines()
                 if line.strip().endswith(("survived", "no tests"))]
    stats["survivors"] = {name: changed_lines(subprocess.run(
        [str(mutmut), "show", name], cwd=scratch, capture_output=True, text=True).stdout)
        for name in survivors}
    return stats


def changed_lines(diff: str) -> str:
    """A mutant's diff, only the lines it changes."""
    return "\n".join(line for line in diff.splitlines()
                     if line[:1] in "+-" and not line.startswith(("+++", "---")))


def main(modules: list[str]) -> int:
    unknown = [m for m in modules if m not in MODULES]  # paths under briefing/, no .py
    if unknown:
        raise SystemExit(f"not a core module: {', '.join(unknown)} (choose from "
                         f"{', '.join(MODULES)})")
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-mutation-") as workdir:
        for module in modules or list(MODULES):
            stats = mutate(module, Path(workdir))
            killed = stats["killed"] + stats["timeout"]
            total = stats["total"] - stats["skipped"]
            rows.append((module, killed, total, stats["survivors"]))
            print(f"{module}: {killed} of {total} killed", file=sys.stderr, flush=True)
    print("| module | killed | mutants | kill rate |\n| --- | ---: | ---: | ---: |")
    for module, killed, total, _ in rows:
        print(f"| {module} | {killed} | {total} | {100 * killed / max(total, 1):.1f} % |")
    for module, _, _, survivors in rows:
        if survivors:
            print(f"\n{module}: {len(survivors)} survived:")
            for name, diff in survivors.items():
                print(f"{name}\n{diff}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
