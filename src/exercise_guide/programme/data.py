"""The data the programme page reads: every exercise's words, figures, dose and safety, as JSON."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ..content import Library
from ..sessions import sessions_rule
from ..strings import strings
from .link import DOSE_PARTS, MAX_DOSE_CHARS, MAX_EXERCISES


def programme_data(
    library: Library,
    figures: Mapping[str, Sequence[str]],
    alts: Mapping[str, Sequence[str]],
    pages: Mapping[str, str],
    logo: str | None,
    animated: Collection[str] = (),
) -> bytes:
    """The page data as JSON: paths are relative to the site root, text is plain (never HTML).

    `figures` and `alts` give each exercise's step figure paths and alt texts, `pages` each
    exercise's page URL, `animated` the exercises whose page holds an animation; the script sets
    all text with textContent, so nothing here is markup.
    """
    guide = library.guide
    words = strings(guide.language)
    exercises: dict[str, Any] = {}
    for exercise in library.exercises.values():
        exercises[exercise.id] = {
            "title": exercise.title,
            "summary": exercise.summary,
            "url": pages[exercise.id],
            "review": exercise.needs_review,
            "animated": exercise.id in animated,
            "dose": {part: getattr(exercise.dose, part) or "" for part in DOSE_PARTS},
            "steps": [
                {
                    "text": step.text,
                    "breath": words["breath"][step.breath] if step.breath else "",
                    "hold": step.hold or "",
                    "figure": figures[exercise.id][index],
                    "alt": alts[exercise.id][index],
                }
                for index, step in enumerate(exercise.steps)
            ],
            "safety": list(exercise.safety),
            "cautions": list(exercise.cautions),
        }
    data = {
        "version": 1,
        "guide": {
            "title": guide.title,
            "disclaimer": guide.disclaimer,
            "paper": "Letter" if guide.paper == "Letter" else "A4",
            "brand": guide.branding.name,
            "contact": guide.branding.contact or "",
            # The clinic block and the "when to get help" box of the printed handout, as in the PDF.
            "phone": guide.branding.phone or "",
            "address": guide.branding.address or "",
            "web": guide.branding.web or "",
            "get_help": list(guide.get_help),
            "logo": logo or "",
        },
        "limits": {"exercises": MAX_EXERCISES, "dose": MAX_DOSE_CHARS},
        # The log's boxes a day, by the handout's own rule, for whatever frequency is typed.
        "sessions": sessions_rule(),
        "exercises": exercises,
    }
    # Sorted keys and no spaces: the same library always gives the same bytes.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
