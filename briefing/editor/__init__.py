"""Editors' tools around the pipeline: the live preview, `new`, `diff`, the JSON Schemas
and pull-request annotations."""
