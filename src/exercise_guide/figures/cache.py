"""Content-keyed cache of generated step figures: an unchanged exercise's figures are never redrawn.

objects/<key[:2]>/<key>.json holds the StepFigures of one exercise's steps under the sha256 of
everything that shapes them: this package's code, the library's key poses, the guide's accent colour
and words (breath cues, alt text), the whole exercise (a step's figure also depends on the steps
before it) and the breath flag. An exercise's animation is stored the same way under its own key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..cacheuse import CacheUse
from ..content import Library
from ..digest import tree_digest
from ..model import Exercise
from ..strings import strings
from ..writing import write_atomic
from . import StepFigure, render_step

if TYPE_CHECKING:
    from .animate import Animation

# Bump when the meaning of a cached entry changes.
FIGURE_CACHE_FORMAT = "exercise-guide-figure-2"
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
    animations_drawn: int = 0
    animations_cached: int = 0


class FigureCache:
    """Step figures stored under a folder (a project's .cache/figures), keyed by content hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats = FigureStats()
        self.used: set[str] = set()  # keys of the entries this build read or wrote
        self._library_keys: dict[int, tuple[Library, str]] = {}

    def _library_key(self, library: Library) -> str:
        known = self._library_keys.get(id(library))
        if known is not None and known[0] is library:
            return known[1]
        guide = library.guide
        digest = hashlib.sha256(f"{FIGURE_CACHE_FORMAT}\0{_code_digest()}\0".encode())
        digest.update(json.dumps({k: v.model_dump() for k, v in library.poses.items()}).encode())
        # Every word a figure prints or says in its alt text comes from the strings table.
        digest.update(
            json.dumps(
                {"accent": guide.branding.accent_color, "words": strings(guide.language)},
                sort_keys=True,
            ).encode()
        )
        key = digest.hexdigest()
        self._library_keys[id(library)] = (library, key)
        return key

    def key(self, library: Library, exercise: Exercise, *, breath: bool) -> str:
        """The cache key of an exercise's step figures."""
        digest = hashlib.sha256(self._library_key(library).encode())
        digest.update(exercise.model_dump_json().encode())
        digest.update(f"\0breath={breath}".encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        self.used.add(key)
        return self.folder / "objects" / key[:2] / f"{key}.json"

    def get(self, key: str, exercise: Exercise) -> list[StepFigure | None] | None:
        """The cached figures (None for authored media) under a key; a damaged entry is a miss."""
        try:
            raw = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(raw, list) or len(raw) != len(exercise.steps):
                return None
            figures: list[StepFigure | None] = []
            for step, item in zip(exercise.steps, raw, strict=True):
                if step.illustration is not None or item is None:
                    figures.append(None)
                    continue
                figure = StepFigure(**item)
                if not isinstance(figure.svg, str) or figure.media is not None:
                    return None
                figures.append(figure)
        except (OSError, ValueError, TypeError):
            return None
        # Only authored media may be missing: those are looked up afresh, never drawn.
        authored = [s.illustration is not None for s in exercise.steps]
        return figures if [f is None for f in figures] == authored else None

    def render_steps(
        self, library: Library, exercise: Exercise, *, breath: bool = True
    ) -> list[StepFigure]:
        """Every step's figure of an exercise, from the cache or drawn and stored (one entry each).

        One entry per exercise, not per step: a cold build writes four times fewer files.
        """
        key = self.key(library, exercise, breath=breath)
        cached = self.get(key, exercise)
        if cached is not None:
            self.stats.cached += sum(f is not None for f in cached)
            return [
                f if f is not None else render_step(library, exercise, i, breath=breath)
                for i, f in enumerate(cached)
            ]
        figures = [
            render_step(library, exercise, i, breath=breath) for i in range(len(exercise.steps))
        ]
        # Authored media is stored as None: its path is the library's, not part of the key.
        stored = [None if f.media is not None else asdict(f) for f in figures]
        self.stats.drawn += sum(f is not None for f in stored)
        write_atomic(self._path(key), json.dumps(stored).encode("utf-8"))
        return figures

    def prune(self, use: CacheUse) -> int | None:
        """Drop every entry this build did not use (None: another build is using the cache)."""
        return use.prune([self.folder / "objects"], lambda path: path.stem in self.used)

    def render_animation(self, library: Library, exercise: Exercise) -> Animation | None:
        """An exercise's animation (None when it shows no movement), from the cache or drawn."""
        # The drawing code only where an animation is read or drawn (figures/__init__.py).
        from .animate import Animation, render_animation

        digest = hashlib.sha256(self._library_key(library).encode())
        digest.update(exercise.model_dump_json().encode())
        digest.update(b"\0animation")
        path = self._path(digest.hexdigest())
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw is None:
                self.stats.animations_cached += 1
                return None
            animation = Animation(**raw)
            if isinstance(animation.svg, str) and isinstance(animation.label, str):
                self.stats.animations_cached += 1
                return animation
        except (OSError, ValueError, TypeError):
            pass
        drawn = render_animation(library, exercise)
        self.stats.animations_drawn += 1
        stored = None if drawn is None else asdict(drawn)
        write_atomic(path, json.dumps(stored).encode("utf-8"))
        return drawn
