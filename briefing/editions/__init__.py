"""Editions: git tags → frozen builds of the briefing as it stood, with a banner."""
