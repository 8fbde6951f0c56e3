"""A handout's contact block: the clinic from guide.yml, the clinician and the next review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dates import human_date
from ..model import Branding
from .plan import Patient


@dataclass(frozen=True)
class Contact:
    """What the block prints; every part only when given, so nothing is ever filler."""

    clinic: str | None  # the clinic's name, printed when any of its details are
    other: str | None  # branding.contact: any other way to reach the clinic, as written
    pairs: tuple[tuple[str, str], ...]  # (label, value): phone, address, web, clinician, review


def contact_block(
    branding: Branding, patient: Patient | None, words: dict[str, Any]
) -> Contact | None:
    """The contact block of a handout, or None when there is nothing to put in it."""
    details = [
        (words["handout_phone"], branding.phone),
        (words["handout_address"], branding.address),
        (words["handout_web"], branding.web),
    ]
    if patient is not None:
        details.append((words["handout_clinician"], patient.clinician))
        review = human_date(patient.review, words) if patient.review else None
        details.append((words["handout_review"], review))
    pairs = tuple((label, value) for label, value in details if value)
    clinic_given = any((branding.phone, branding.address, branding.web, branding.contact))
    if not pairs and not branding.contact:
        return None
    return Contact(
        clinic=branding.name if clinic_given else None, other=branding.contact, pairs=pairs
    )
