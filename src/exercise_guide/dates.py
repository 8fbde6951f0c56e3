"""Dates written for people ("1 December 2026"), in the guide's language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def human_date(text: str, words: dict[str, Any]) -> str:
    """An ISO date (2026-12-01) in words from the strings table; any other text as it is."""
    if not _ISO.match(text):
        return text
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    month = words["months"][day.month - 1]
    return str(words["date_format"]).format(day=day.day, month=month, year=day.year)
