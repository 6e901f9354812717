"""Briefing: structured facts about a news story, built into a static site.

One pipeline, in rooms that show its stages (arrows point down):
    editor/    the preview server, `new`, `diff`, schemas and annotations for editors
    pipeline   load, plan, render, write (`check` stops before rendering)
    output/    pages, templates' rendering, feeds, JSON-LD, search, the atomic write
    content/   YAML read by the content format into the model
problems and parallel are shared by all of them.
"""
