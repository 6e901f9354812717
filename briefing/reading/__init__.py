"""Reading: content/'s files → records, each field checked by the contract, nothing
resolved yet. Knows no model object beyond its values and dates, and no page."""
