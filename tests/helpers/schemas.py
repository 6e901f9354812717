"""Helpers of the schemas tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import re

import yaml


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core types, as the YAML language server reads a file: `2025-05-11`
    and `yes` are strings, `2025` is a number, `true` a boolean."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
        ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$",
         list("-+.0123456789"))]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)
