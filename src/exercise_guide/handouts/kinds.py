"""The handouts' kinds of print document, registered with the print engine (pdf/)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Library
from ..pdf.jobs import register
from .plan import Handout

_MAKERS = "exercise_guide.handouts.render"
ROUTINE_SHEET = register("routine-sheet", f"{_MAKERS}:make_routine_sheet")
# Names a patient: rendered in the process that asked for it, never cached, never in a worker.
HANDOUT = register("handout", f"{_MAKERS}:make_handout", private=True)


@dataclass(frozen=True)
class SheetPayload:
    """What a routine sheet or a handout is made from (picklable for a render worker)."""

    library: Library
    handout: Handout
    cache_key: str = ""  # a routine sheet's cache key, from its HTML; a handout has none
