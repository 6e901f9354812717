"""Reading a briefing: content/ → checked records → the model. Knows no page or HTML
beyond the rendered Markdown of its fields."""
