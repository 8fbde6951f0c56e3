"""Content-keyed cache of generated step figures: an unchanged step is never drawn twice.

objects/<key[:2]>/<key>.json holds one StepFigure under the sha256 of everything that shapes it:
this package's code, the library's key poses, the guide's accent colour and breath words, the whole
exercise (a step's figure also depends on the steps before it) and the step index and breath flag.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from ..content import Library
from ..digest import tree_digest
from ..model import Exercise
from ..writing import write_atomic
from . import StepFigure, breath_words_for, render_step

# Bump when the meaning of a cached entry changes.
FIGURE_CACHE_FORMAT = "exercise-guide-figure-1"
_PACKAGE = Path(__file__).resolve().parent


@cache
def _code_digest() -> str:
    # Once per process: the drawing code that runs is the code imported at start.
    return tree_digest(_PACKAGE)


@dataclass
class FigureStats:
    """How many figures a cache drew and how many it found already drawn."""

    drawn: int = 0
    cached: int = 0


class FigureCache:
    """Step figures stored under a folder (a project's .cache/figures), keyed by content hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats = FigureStats()
        self._library_keys: dict[int, tuple[Library, str]] = {}

    def _library_key(self, library: Library) -> str:
        known = self._library_keys.get(id(library))
        if known is not None and known[0] is library:
            return known[1]
        guide = library.guide
        digest = hashlib.sha256(f"{FIGURE_CACHE_FORMAT}\0{_code_digest()}\0".encode())
        digest.update(json.dumps({k: v.model_dump() for k, v in library.poses.items()}).encode())
        digest.update(
            json.dumps(
                {"accent": guide.branding.accent_color, "breath": breath_words_for(library)},
                sort_keys=True,
            ).encode()
        )
        key = digest.hexdigest()
        self._library_keys[id(library)] = (library, key)
        return key

    def key(self, library: Library, exercise: Exercise, index: int, *, breath: bool) -> str:
        """The cache key of one step's figure."""
        digest = hashlib.sha256(self._library_key(library).encode())
        digest.update(exercise.model_dump_json().encode())
        digest.update(f"\0{index}\0{breath}".encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / "objects" / key[:2] / f"{key}.json"

    def get(self, key: str) -> StepFigure | None:
        """The cached figure for a key; an unreadable or partial entry is a miss."""
        try:
            raw = json.loads(self._path(key).read_text(encoding="utf-8"))
            figure = StepFigure(**raw)
        except (OSError, ValueError, TypeError):
            return None
        if not isinstance(figure.svg, str) or not isinstance(figure.alt, str):
            return None
        return figure

    def render_step(
        self, library: Library, exercise: Exercise, index: int, *, breath: bool = True
    ) -> StepFigure:
        """A step's figure from the cache, or drawn and stored; authored media is never cached."""
        if exercise.steps[index].illustration is not None:
            return render_step(library, exercise, index, breath=breath)
        key = self.key(library, exercise, index, breath=breath)
        figure = self.get(key)
        if figure is not None:
            self.stats.cached += 1
            return figure
        figure = render_step(library, exercise, index, breath=breath)
        self.stats.drawn += 1
        if figure.svg is not None and figure.media is None:
            write_atomic(self._path(key), json.dumps(asdict(figure)).encode("utf-8"))
        return figure
