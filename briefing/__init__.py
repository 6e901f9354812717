"""Briefing: structured facts about a news story, built into a static site."""
