"""How many tick boxes a day the log gives an exercise: one per session its dose asks for.

The one rule for the PDF handout and the programme printed from the browser, which applies the
same tables (`sessions_rule`, in programme.json) to the frequency typed in the page.
"""

from __future__ import annotations

import re
from typing import Any

# More boxes than this would not fit a day's cell; the caption keeps the dose's own words.
MAX_SESSIONS = 4
_NUMBERS = {"once": 1, "one": 1, "twice": 2, "two": 2, "three": 3, "thrice": 3, "four": 4}
_NUMBERS |= {"five": 5, "six": 6, "several": 3, "a few": 3, "few": 3}
_DAILY = re.compile(r"\b(a|per|each|every) day\b|\bdaily\b", re.IGNORECASE)
_COUNT = re.compile(
    r"(\d+|once|twice|thrice|one|two|three|four|five|six|several|a few|few)"
    r"(?:\s*(?:-|–|to|or)\s*(\d+|one|two|three|four|five|six))?",
    re.IGNORECASE,
)


def sessions_per_day(frequency: str | None) -> int:
    """Sessions a day a free-text frequency asks for ("2-3 times a day" is 3), at least 1.

    "Several" counts as 3; a frequency not per day ("3 times a week") gets one box a day.
    """
    if not frequency or not _DAILY.search(frequency):
        return 1
    match = _COUNT.search(frequency)
    if match is None:
        return 1
    most = match.group(2) or match.group(1)
    count = int(most) if most.isdigit() else _NUMBERS[most.lower()]
    return max(1, min(count, MAX_SESSIONS))


def sessions_rule() -> dict[str, Any]:
    """The rule's tables for the browser: its two patterns (case-insensitive, in the syntax Python
    and JavaScript share), the number words and the most boxes a day."""
    return {
        "daily": _DAILY.pattern,
        "count": _COUNT.pattern,
        "numbers": dict(_NUMBERS),
        "max": MAX_SESSIONS,
    }
