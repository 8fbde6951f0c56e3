"""The words templates print, one table per language."""

from __future__ import annotations

import contextlib
from functools import cache
from importlib import resources
from typing import Any

from ..yamlsafe import load_package_yaml


@cache
def strings(language: str = "en") -> dict[str, Any]:
    """The strings table for a language (falling back to English for missing keys)."""
    base: dict[str, Any] = _read("en")
    if language.split("-")[0] != "en":
        with contextlib.suppress(FileNotFoundError):
            base = {**base, **_read(language.split("-")[0])}
    return base


def _read(code: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"{code}.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_package_yaml(text)
    return data
