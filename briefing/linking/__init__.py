"""Linking: records → the model, references resolved, ids checked, quotes verified,
translations laid over their originals. Knows no page or HTML beyond the rendered
Markdown of its fields."""
