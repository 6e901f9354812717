"""The command line through its real entry point: exit codes and stderr format."""

from __future__ import annotations


def test_workflow_commands_escape_what_would_end_them():
    from briefing.editor.annotations import github_command
    from briefing.problems import Problem

    line = github_command(Problem("content/a,b:c.yaml", 3, 4, "100% sure\nnot", "warning"))
    assert line == ("::warning file=content/a%2Cb%3Ac.yaml,line=3,col=4,title=Briefing "
                    "warning::100%25 sure%0Anot")
