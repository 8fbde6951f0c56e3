"""A render worker draws each distinct SVG figure once and replays the drawing into later documents.

Imported exercises share generic poses: a library of 100 has 427 step figures but 47 distinct
ones, and drawing a figure (WeasyPrint parsing its paths into PDF operators) was about a third of
a poster's CPU. WeasyPrint's image cache (`ImageCache`, its `cache` render option) already keeps
each parsed SVG for the worker's life, keyed by its data: URL, so equal figures are one object.
Here that object draws into a Form XObject of its own, keeps the operators it wrote, and a later
document drawing the same figure at the same size gets a new Form XObject with those operators.

This uses WeasyPrint internals (`SVGImage`, its `_svg`, `_base_url` and `_context`, and the PDF
stream's `add_group`, `_fonts` and `_resources`), as found in the release pyproject pins
(`REPLAY_VERSION`). With another release, or when a figure's drawing uses anything but paths,
colours and opacity states (text, images, patterns, gradients), figures are drawn as usual.
"""

from __future__ import annotations

import importlib
import weakref
from dataclasses import dataclass
from typing import Any

import weasyprint


def _weasyprint_class(module: str, name: str) -> Any:
    """A class of WeasyPrint's internals, or None when this release has no such class."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


_SVG_IMAGE = _weasyprint_class("weasyprint.images", "SVGImage")
_STREAM = _weasyprint_class("weasyprint.pdf.stream", "Stream")
# Without it (another release), ReplayedSVG is never used: `supported` says so.
SVGImage: Any = _SVG_IMAGE or object

# The WeasyPrint release whose internals this module was written against (pyproject pins it).
REPLAY_VERSION = "70.0"

# The PDF operators a plain vector drawing writes: graphics state, paths, painting, clipping
# and colour by value. A drawing that writes any other (text, XObjects, shadings, named colour
# spaces, marked content) is not kept, since those name resources of its own document.
_PLAIN_OPERATORS = frozenset(
    b"q Q cm w J j M d ri i gs m l c v y h re S s f F f* B B* b b* n W W* g G rg RG k K".split()
)
# The SVG elements such drawings come from; a figure with others is drawn as usual.
_PLAIN_ELEMENTS = frozenset(
    {"svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect"}
    | {"title", "desc", "style", "text", "tspan"}
)
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


@dataclass
class ReplayCounts:
    """How many figure drawings this worker made, and how many it replayed from them."""

    drawn: int = 0
    replayed: int = 0


COUNTS = ReplayCounts()


@dataclass(frozen=True)
class _Recording:
    """A figure's drawing at one size: its operators and the opacity states they name."""

    operators: bytes
    states: dict[str, tuple[type[Any], dict[str, Any]]]  # name: (pydyf's Dictionary, its items)


def supported() -> bool:
    """Whether the installed WeasyPrint is the release this module's use of its internals fits."""
    return (
        weasyprint.__version__ == REPLAY_VERSION
        and all(hasattr(_SVG_IMAGE, name) for name in ("draw", "get_intrinsic_size"))
        and all(hasattr(_STREAM, name) for name in ("add_group", "draw_x_object", "clone"))
    )


def _plain_tree(image: Any) -> bool:
    """Whether every element of the figure is one whose drawing is plain paths and colours."""
    svg = getattr(image, "_svg", None)
    root = getattr(getattr(getattr(svg, "tree", None), "_etree_node", None), "iter", None)
    if root is None:
        return False
    for element in root():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.removeprefix(_SVG_NAMESPACE) not in _PLAIN_ELEMENTS:
            return False
    return True


def _form(stream: Any, width: float, height: float) -> Any:
    """A new Form XObject on the stream's page for a figure drawn at width x height."""
    # The bounding box leaves a figure's width and height of room on every side: WeasyPrint
    # does not clip a root <svg> to its box, so a stroke may reach past it, and it must show.
    group = stream.add_group(-width, -height, 3 * width, 3 * height)
    # A plain form, not a transparency group: drawn directly, the figure was not one either.
    del group.extra["Group"]
    return group


def _recording(group: Any, used_fonts: bool) -> _Recording | None:
    """The group's drawing, if it is plain operators and opacity states only; else None."""
    resources = group.extra["Resources"]
    if used_fonts or any(resources[kind] for kind in ("XObject", "Pattern", "Shading")):
        return None
    chunks = group.stream
    for chunk in chunks:
        if not isinstance(chunk, bytes) or chunk.rsplit(None, 1)[-1] not in _PLAIN_OPERATORS:
            return None
    states: dict[str, tuple[type[Any], dict[str, Any]]] = {}
    for name, state in resources["ExtGState"].items():
        values = dict(state)
        if not all(isinstance(value, int | float | str) for value in values.values()):
            return None
        # Items and class, not the object: this document's PDF writer numbers the object.
        states[name] = (type(state), values)
    return _Recording(b"\n".join(chunks), states)


class ReplayedSVG(SVGImage):  # type: ignore[misc]
    """WeasyPrint's SVG image, drawn into a Form XObject once per size and replayed after that."""

    _recordings: dict[tuple[float, float], _Recording]
    _replayable: bool
    _context: Any
    # The page (its resources) and size of the last form drawn, and the form's name there.
    _last_form: tuple[weakref.ref[Any], tuple[float, float], str] | None
    replays: int  # how often a recording was replayed onto another page

    def draw(self, stream: Any, concrete_width: float, concrete_height: float, style: Any) -> None:
        """Draw the figure: its recorded operators if it was drawn at this size before."""
        size = (concrete_width, concrete_height)
        last = self._last_form
        if last is not None and last[0]() is stream._resources and last[1] == size:
            # Again on the same page (steps sharing a pose): the form that page already has.
            stream.draw_x_object(last[2])
            COUNTS.replayed += 1
            return
        recording = self._recordings.get(size)
        if recording is not None:
            group = _form(stream, concrete_width, concrete_height)
            group.stream = [recording.operators]
            for name, (kind, values) in recording.states.items():
                group.extra["Resources"]["ExtGState"][name] = kind(values)
            stream.draw_x_object(group.id)
            self._last_form = (weakref.ref(stream._resources), size, group.id)
            self.replays += 1
            COUNTS.replayed += 1
            return
        if not self._replayable:
            super().draw(stream, concrete_width, concrete_height, style)
            return
        group = _form(stream, concrete_width, concrete_height)
        fonts = len(stream._fonts)
        try:
            self._svg.draw(group, concrete_width, concrete_height, self._base_url, self._context)
        except Exception:
            # Drop the half-drawn form and draw as usual: WeasyPrint reports the failure itself.
            del stream._resources["XObject"][group.id]
            self._replayable = False
            super().draw(stream, concrete_width, concrete_height, style)
            return
        stream.draw_x_object(group.id)
        self._last_form = (weakref.ref(stream._resources), size, group.id)
        COUNTS.drawn += 1
        kept = _recording(group, used_fonts=len(stream._fonts) != fonts)
        if kept is None:
            self._replayable = False
            return
        self._recordings[size] = kept
        # Kept past this job, it must not keep this document alive: the layout context it was
        # loaded with and the page stream it last drew on hold the whole document. A drawing
        # that used no font never reads the context (only SVG text and images do).
        self._context = None
        self._svg.stream = self._svg.context = None

    @property
    def kept(self) -> bool:
        """Whether the figure was drawn and recorded, and so is worth keeping for later jobs."""
        return self._replayable and bool(self._recordings)


class ImageCache(dict[str, Any]):
    """WeasyPrint's image cache for a worker's documents, its plain SVG figures made replayable.

    Within a job (a poster's layouts at several fit levels) it is WeasyPrint's usual cache;
    `new_job` then forgets all but the recorded figures: the most recently used `keep` of those
    replayed at least once, and the newest `keep_unused` of those not (yet) replayed.

    Few of the latter are worth keeping. At 256 they grew a worker by about 8 MB over its posters
    (the build's peak memory is reached with both workers running), most of them each poster's
    QR code, never met again; at 32, a worker drew about 7% more figures and replayed about 2%
    fewer. QR codes are images now (`documents.qr_code`), so these 32 hold step figures alone.
    """

    def __init__(self, replay: bool = True, keep: int = 256, keep_unused: int = 32) -> None:
        super().__init__()
        self._replay = replay and supported()
        self._keep = keep
        self._keep_unused = keep_unused

    def __getitem__(self, key: str) -> Any:
        # Moved to the end on use, so `new_job` keeps the most recently used figures.
        value = super().pop(key)
        super().__setitem__(key, value)
        return value

    def new_job(self) -> None:
        """Forget the last job's images, keeping only recorded figures (see the class)."""
        kept = [(key, value) for key, value in self.items() if getattr(value, "kept", False)]
        # A figure met once is kept apart: such one-off drawings never push out the figures
        # that posters share. (Kept: about 30 KB each.)
        used = [key for key, value in kept if value.replays][-self._keep :] if self._keep else []
        unused = [key for key, value in kept if not value.replays]
        chosen = {*used, *(unused[-self._keep_unused :] if self._keep_unused else [])}
        self.clear()
        self.update((key, value) for key, value in kept if key in chosen)

    def __setitem__(self, key: str, value: Any) -> None:
        # WeasyPrint stores each image it loads here, and returns the same object: turning it
        # into a ReplayedSVG here covers its first document too.
        if self._replay and type(value) is SVGImage and _plain_tree(value):
            value.__class__ = ReplayedSVG
            value._recordings = {}
            value._replayable = True
            value._last_form = None
            value.replays = 0
        super().__setitem__(key, value)
