"""The print engine's build: plan the posters and the booklet, and join the booklet from its parts.

Rendering planned documents from the cache or on the pool is `DocumentRun`'s (run.py); other
packages plan their own kinds of document and hand them to `PdfBuild.run` (routine sheets:
handouts/sheets.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import ChainMap

from ..memory import return_freed_memory
from ..model import Exercise
from ..strings import strings
from .book import (
    BookPlan,
    Context,
    PageMap,
    first_guess,
    front_context,
    index_context,
    page_map,
    plan_book,
    section_context,
)
from .bookmark import Bookmark
from .cache import CachedPdf
from .documents import PrintOptions
from .jobs import (
    BOOKLET_FRONT,
    BOOKLET_INDEX,
    BOOKLET_SECTION,
    DESK_POSTER,
    POSTER,
    Kind,
    RenderJob,
    Setup,
)
from .names import BOOKLET, poster_file
from .pool import stop_fork_server
from .run import Batch, BuildReport, DocumentRun, Plan

# Layouts of the booklet's own documents before giving up on their lengths settling: a second
# is needed only when a length differs from the last build's (or the first guess).
_MAX_ROUNDS = 4
_OPEN_AREA = 20  # areas with more exercises than this start closed in the outline


def poster_name(exercise_id: str, options: PrintOptions) -> str:
    """The file name of an exercise's poster."""
    return poster_file(exercise_id, options.layout)


class PdfBuild(DocumentRun):
    """One build of print documents for a library, through a cache folder."""

    # -- planning -------------------------------------------------------------------------------

    def _poster_plan(self, exercise: Exercise, options: PrintOptions) -> Plan:
        return Plan(
            name=poster_name(exercise.id, options),
            source=self.library.source("exercise", exercise.id),
            source_key=self.fingerprint.poster(exercise, options.as_dict()),
            assets=self._assets_of([exercise]),
            exercise=exercise,
        )

    # -- the build ------------------------------------------------------------------------------

    def posters(
        self,
        options: PrintOptions | None = None,
        *,
        booklet_ahead: bool = False,
        beside: Batch | None = None,
    ) -> dict[str, CachedPdf]:
        """Every exercise's poster (one page each).

        With `booklet_ahead`, the booklet's own documents go on the same pool, ahead of the
        posters not yet started (see `_booklet_ahead`), so `booklet()` finds them in the cache.
        The documents `beside` go first of all but the booklet's index, for the same reason: run
        on their own after the posters, they kept one core busy and the other idle at the end.
        """
        options = options or self.options
        if options not in self._posters:
            setup = self._setup(options)
            exercises = list(self.library.exercises.values())
            plans = [self._poster_plan(ex, options) for ex in exercises]
            kind = DESK_POSTER if options.layout == "desk" else POSTER
            jobs = {
                plan.name: RenderJob(plan.name, setup, (ex,), kind=kind)
                for plan, ex in zip(plans, exercises, strict=True)
            }
            ahead = self._booklet_ahead(options) if booklet_ahead else []
            jobs.update({plan.name: job for plan, job, _ in ahead})
            index = [plan for plan, _, _ in ahead if plan.name == f"{BOOKLET} index"]
            rest = [plan for plan, _, _ in ahead if plan.name != f"{BOOKLET} index"]
            first = [*index, *(beside.plans if beside else ())]
            jobs_for = ChainMap(jobs, beside.jobs) if beside else jobs
            done = self.run(plans, jobs_for, "posters", ahead=rest, first=first)
            self._posters[options] = {p.name: done[p.name] for p in plans if p.name in done}
        return self._posters[options]

    def _booklet_ahead(self, options: PrintOptions) -> list[tuple[Plan, RenderJob, int]]:
        """The booklet's own documents as its first layout round would make them, largest first.

        Rendered after the posters, they ran in pools of their own at the end of the build, the
        index (61 pages at 870 exercises) alone on one core; ahead of the posters, the posters
        fill the cores around them. Their page numbers are known before any poster exists
        (`book.page_map`). Should a length come out other than assumed, `booklet()` lays them
        out again, as it always has. `posters` hands the index to a fresh worker first of all:
        laid out later, in a worker grown by posters, its memory took the build's peak to
        573 MB (measured, 2 December 2026).
        """
        if options != self._portrait():
            return []  # the booklet is made of portrait posters: these posters are not its pages
        plan = plan_book(self.library)
        pages = page_map(plan, *self._assumed_lengths(plan, options))
        documents = self._book_round(plan, pages)
        documents.append(("index", "index", index_context(self.library, plan, pages)))
        made = self._book_plans(self._setup(options), options.as_dict(), documents)
        return sorted(made, key=lambda entry: -entry[2])

    def _portrait(self) -> PrintOptions:
        return PrintOptions(paper=self.options.paper, layout="poster")

    def _assumed_lengths(
        self, plan: BookPlan, options: PrintOptions
    ) -> tuple[int, tuple[int, ...]]:
        """How long the front matter and each section are taken to be: the last build's lengths,
        or a first guess from what they list."""
        lengths = _read_lengths(self.cache.note(self._lengths_note(plan)), len(plan.areas))
        return lengths or first_guess(self.library, plan, options.paper)

    def _book_round(self, plan: BookPlan, pages: PageMap) -> list[tuple[str, str, Context]]:
        """The front matter and every section's opening, printing the given page numbers."""
        documents = [("front", "contents", front_context(self.library, plan, pages))]
        documents += [
            ("section", area.id, section_context(self.library, area, pages)) for area in plan.areas
        ]
        return documents

    def booklet(self) -> CachedPdf | None:
        """The whole guide as one PDF: front matter, body-area sections and an index, with each
        exercise's poster itself as its page.

        The booklet's own documents are cached on their own and the whole is joined from them
        and the posters, so an edit re-renders only what shows the edited text. Their lengths
        decide every later page number, which they print: they are laid out until the lengths
        they come out at are the ones their numbers assumed (the last build's, at first).
        """
        portrait = self._portrait()
        posters = self.posters(portrait)
        plan = plan_book(self.library)
        printed = plan.printed()
        pages_of = [posters.get(poster_name(exercise.id, portrait)) for exercise in printed]
        made = [cached for cached in pages_of if cached is not None]
        if len(made) != len(printed):
            return None  # a poster failed, and that problem is already reported
        setup = self._setup(portrait)
        options = portrait.as_dict()
        note = self._lengths_note(plan)
        lengths = self._assumed_lengths(plan, portrait)
        for _ in range(_MAX_ROUNDS):
            pages = page_map(plan, *lengths)
            done = self._book_documents(setup, options, self._book_round(plan, pages))
            if done is None:
                return None  # a document failed, and that problem is already reported
            found = (done[0].pages, tuple(d.pages for d in done[1:]))
            if found == lengths:
                break
            lengths = found
        else:
            guide = self.library.source("guide", "guide")
            self.problems.append(guide.problem("(document)", f"{BOOKLET}: pages never settled"))
            return None
        self.cache.put_note(note, json.dumps([lengths[0], *lengths[1]]))
        index = self._book_documents(
            setup, options, [("index", "index", index_context(self.library, plan, pages))]
        )
        if index is None:
            return None
        parts = [done[0]]
        for area, section in zip(plan.areas, done[1:], strict=True):
            parts.append(section)
            parts += [posters[poster_name(exercise.id, portrait)] for exercise in area.printed]
        parts.append(index[0])
        index_title = strings(self.library.guide.language)["index"]
        return self._join(parts, *_outline_and_targets(plan, pages, index_title))

    def _lengths_note(self, plan: BookPlan) -> str:
        """The name of the note holding how long this plan's documents ran at the last build."""
        digest = hashlib.sha256(self.fingerprint.library_key.encode())
        for area in plan.areas:
            digest.update(f"\0{area.id}".encode())
            digest.update("\0".join(ex.id for ex in (*area.printed, *area.elsewhere)).encode())
        return f"booklet-lengths-{digest.hexdigest()}"

    def _book_documents(
        self, setup: Setup, options: dict[str, str], documents: list[tuple[str, str, Context]]
    ) -> list[CachedPdf] | None:
        """The booklet's own documents (kind, name, what it prints), from the cache or rendered."""
        made = self._book_plans(setup, options, documents)
        plans = [plan for plan, _, _ in made]
        done = self.run(plans, {plan.name: job for plan, job, _ in made}, "booklet")
        if len(done) != len(plans):
            return None
        return [done[plan.name] for plan in plans]

    def _book_plans(
        self, setup: Setup, options: dict[str, str], documents: list[tuple[str, str, Context]]
    ) -> list[tuple[Plan, RenderJob, int]]:
        """Each booklet document's plan and render job, with the size of what it prints."""
        made: list[tuple[Plan, RenderJob, int]] = []
        guide = self.library.source("guide", "guide")
        for kind, label, context in documents:
            name = f"{BOOKLET} {label}" if kind != "section" else f"{BOOKLET} section {label}"
            data = json.dumps(context, sort_keys=True, ensure_ascii=False)
            plan = Plan(
                name=name,
                source=guide,
                source_key=self.fingerprint.booklet_document(kind, options, data),
                assets=self._assets_of([]),
            )
            job = RenderJob(name, setup, kind=_JOB_KINDS[kind], payload=context)
            made.append((plan, job, len(data)))
        return made

    def _join(
        self, parts: list[CachedPdf], outline: list[Bookmark], targets: dict[str, int]
    ) -> CachedPdf | None:
        """The booklet joined from its parts, from the cache when these exact parts were joined."""
        import pikepdf

        from .assemble import ASSEMBLY_FORMAT, join_parts

        digest = hashlib.sha256(ASSEMBLY_FORMAT.encode())
        for part in parts:
            digest.update(f"\0{part.key}".encode())
        digest.update(json.dumps([_plain(outline), sorted(targets.items())]).encode())
        key = digest.hexdigest()
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        if self.before_join is not None:
            self.before_join()
        # Every document is rendered by now; the join's objects (about 300 MB at 870 exercises)
        # are the build's largest allocation, so the idle fork server goes first, and what the
        # join freed goes back to the system after.
        stop_fork_server()
        try:
            data, pages = join_parts([part.path for part in parts], outline, targets)
        except (OSError, ValueError, KeyError, AttributeError, TypeError, pikepdf.PdfError) as exc:
            # Parts are checked against their recorded hash when taken from the cache, so this is
            # a part WeasyPrint made that the join cannot take, not a damaged file.
            guide = self.library.source("guide", "guide")
            self.problems.append(guide.problem("(document)", f"{BOOKLET}: could not join: {exc}"))
            return None
        finally:
            return_freed_memory()
        self.report.joined += 1
        return self.cache.put(key, data, 0, pages)

    def build(
        self,
        *,
        posters: bool = True,
        booklet: bool = True,
        booklet_next: bool = False,
        beside: Batch | None = None,
    ) -> BuildReport:
        """Build the requested documents into the cache; problems are kept in self.problems.

        `booklet_next` says a later call builds the booklet: its documents are rendered beside
        the posters now. The documents `beside` (routine sheets) are built too, on the posters'
        pool when there are posters to build.
        """
        if posters:
            made = self.posters(booklet_ahead=booklet or booklet_next, beside=beside)
            self.outputs.update(made)
            self.report.fits.update({name: cached.fit for name, cached in made.items()})
        if beside is not None:
            # From the cache when they went with the posters (and failed ones are not retried).
            self.outputs.update(sorted(self.run(beside.plans, beside.jobs, beside.label).items()))
        if booklet:
            whole = self.booklet()
            if whole is not None:
                self.outputs[BOOKLET] = whole
        return self.report


_JOB_KINDS: dict[str, Kind] = {
    "front": BOOKLET_FRONT,
    "section": BOOKLET_SECTION,
    "index": BOOKLET_INDEX,
}


def _read_lengths(note: str | None, areas: int) -> tuple[int, tuple[int, ...]] | None:
    """Lengths a note recorded (front matter, then each section), if it is whole."""
    try:
        numbers = [int(n) for n in json.loads(note)] if note else []
    except (ValueError, TypeError):
        return None
    if len(numbers) != areas + 1 or min(numbers) < 1:
        return None
    return numbers[0], tuple(numbers[1:])


def _outline_and_targets(
    plan: BookPlan, pages: PageMap, index_title: str
) -> tuple[list[Bookmark], dict[str, int]]:
    """Bookmarks after the front matter's (each area with its exercises, then the index) and the
    page of every link target the booklet's own documents stand in for (indexes from 0)."""
    outline: list[Bookmark] = []
    targets: dict[str, int] = {}
    for area in plan.areas:
        children = [Bookmark(ex.title, pages.exercise[ex.id] - 1) for ex in area.printed]
        # A long area starts closed, so the outline of a big library stays a list of areas.
        is_open = len(children) <= _OPEN_AREA
        outline.append(Bookmark(area.title, pages.area[area.id] - 1, children, is_open))
        targets[f"area-{area.id}"] = pages.area[area.id] - 1
        targets.update({f"exercise-{ex.id}": pages.exercise[ex.id] - 1 for ex in area.printed})
    outline.append(Bookmark(index_title, pages.index - 1))
    targets["book-index"] = pages.index - 1
    return outline, targets


def _plain(outline: list[Bookmark]) -> list[object]:
    return [[mark.title, mark.page, _plain(mark.children), mark.is_open] for mark in outline]
