"""The print engine's build: plan documents from the cache, render what is missing, write outputs atomically.

Posters and the booklet are planned here; other packages plan their own kinds of document and hand
them to `PdfBuild.run` (routine sheets: handouts/sheets.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..content import Library, SourceFile
from ..errors import ContentError, Problem
from ..model import Exercise
from ..strings import strings
from ..template_folders import Templates
from ..writing import write_atomic
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
from .cache import AssetHasher, CachedPdf, PdfCache
from .confine import allowed_roots, refusal
from .documents import PrintOptions, file_url, text_size
from .fingerprint import Fingerprint, code_digest
from .jobs import (
    BOOKLET_FRONT,
    BOOKLET_INDEX,
    BOOKLET_SECTION,
    DESK_POSTER,
    POSTER,
    Kind,
    RenderJob,
    RenderResult,
    Setup,
)
from .names import BOOKLET, poster_file
from .pool import Progress, default_jobs, return_freed_memory, run_jobs, stop_fork_server

# Layouts of the booklet's own documents before giving up on their lengths settling: a second
# is needed only when a length differs from the last build's (or the first guess).
_MAX_ROUNDS = 4
_OPEN_AREA = 20  # areas with more exercises than this start closed in the outline


@dataclass
class BuildReport:
    """What a build did: every output file, and how many PDFs were rendered or taken from the cache."""

    files: dict[str, Path] = field(default_factory=dict)
    rendered: int = 0  # documents WeasyPrint rendered: posters, sheets and booklet parts
    cached: int = 0  # documents taken from the cache
    joined: int = 0  # booklets joined from their parts (0 when the joined booklet was cached)
    renders: int = 0
    written: int = 0
    worker_cpu_seconds: float = 0.0
    fits: dict[str, int] = field(default_factory=dict)  # poster file name → fit level used
    pruned: int | None = (
        0  # cache files dropped after a full build (None: another build was running)
    )


@dataclass(frozen=True)
class Plan:
    """A document to build: its output name, the content file it comes from, its source key, assets."""

    name: str
    source: SourceFile
    source_key: str
    assets: tuple[tuple[Path, str], ...]
    exercise: Exercise | None = None


def poster_name(exercise_id: str, options: PrintOptions) -> str:
    """The file name of an exercise's poster."""
    return poster_file(exercise_id, options.layout)


class PdfBuild:
    """One build of print documents for a library, through a cache folder."""

    def __init__(
        self,
        library: Library,
        *,
        templates: Templates,
        cache_dir: Path,
        options: PrintOptions | None = None,
        jobs: int | None = None,
        progress: TextIO | None = None,
        show_progress: bool = True,
    ) -> None:
        self.library = library
        self.templates = templates
        self.options = options or PrintOptions(paper=library.guide.paper)
        self.cache = PdfCache(cache_dir)
        self.cache_dir = cache_dir.resolve()
        self.jobs = jobs or default_jobs()
        self.progress_stream = progress
        self.show_progress = show_progress
        self.roots = allowed_roots(library.root, templates)
        self.code = code_digest(templates)
        self.fingerprint = Fingerprint(library, self.code, AssetHasher())
        self.report = BuildReport()
        self.problems: list[Problem] = []
        self.outputs: dict[str, CachedPdf] = {}
        self._posters: dict[PrintOptions, dict[str, CachedPdf]] = {}
        # Source keys already counted in the report: the booklet's documents, rendered ahead
        # beside the posters, are met again when the booklet is put together.
        self._counted: set[str] = set()
        # Waited for before a join that must run: a site build lets it run once its pages are
        # written, so the join's memory never adds to the page rendering's (site_pdfs.py).
        self.before_join: Callable[[], None] | None = None
        # Whether documents rendered ahead (the booklet's own) may start now: a site build holds
        # them back until its pages are written, so a long one's memory never adds to theirs.
        self.ahead_ready: Callable[[], bool] | None = None

    def _setup(self, options: PrintOptions) -> Setup:
        library = self.library
        return Setup(
            library_key=self.fingerprint.library_key,
            root=str(library.root.resolve()),
            templates=self.templates,
            guide=library.guide,
            poses=dict(library.poses),
            roots=self.roots,
            cache_dir=str(self.cache_dir),
            code_digest=self.code,
            paper=options.paper,
            layout=options.layout,
        )

    # -- planning -------------------------------------------------------------------------------

    def _assets_of(self, exercises: list[Exercise]) -> tuple[tuple[Path, str], ...]:
        found: list[tuple[Path, str]] = []
        guide = self.library.guide
        if guide.branding.logo:
            found.append((self.library.media_path(guide.branding.logo), "guide:branding.logo"))
        for ex in exercises:
            for i, step in enumerate(ex.steps):
                if step.illustration is not None:
                    path = self.library.media_path(step.illustration.file)
                    found.append((path, f"exercise:{ex.id}:steps[{i}].illustration.file"))
        return tuple(found)

    def _poster_plan(self, exercise: Exercise, options: PrintOptions) -> Plan:
        return Plan(
            name=poster_name(exercise.id, options),
            source=self.library.source("exercise", exercise.id),
            source_key=self.fingerprint.poster(exercise, options.as_dict()),
            assets=self._assets_of([exercise]),
            exercise=exercise,
        )

    def _problem_at(self, origin: str, message: str) -> Problem:
        kind, _, rest = origin.partition(":")
        if kind == "guide":
            return self.library.source("guide", "guide").problem(rest, message)
        item, _, field_name = rest.partition(":")
        return self.library.source(kind, item).problem(field_name, message)

    def _refused_asset(self, plan: Plan) -> Problem | None:
        # Checked before rendering, so the message names the content field; the worker's
        # fetcher refuses the same URLs again in case a template links something itself.
        for path, origin in plan.assets:
            reason = refusal(file_url(path), self.roots)
            if reason is not None:
                return self._problem_at(origin, reason)
        return None

    # -- rendering ------------------------------------------------------------------------------

    def setup(self, options: PrintOptions | None = None) -> Setup:
        """What every render job of this build shares, for the given print options."""
        return self._setup(options or self.options)

    def run(
        self,
        plans: list[Plan],
        jobs_for: dict[str, RenderJob],
        label: str = "PDFs",
        ahead: Sequence[Plan] = (),
        first: Sequence[Plan] = (),
    ) -> dict[str, CachedPdf]:
        """Each plan's PDF, from the cache or rendered on the pool; failures become problems.

        Plans in `first` are handed to the pool before all others; plans in `ahead` before the
        rest, once `ahead_ready` allows.
        """
        done: dict[str, CachedPdf] = {}
        missing: list[Plan] = []
        for plan in [*first, *ahead, *plans]:
            hit = self.cache.lookup(plan.source_key)
            if hit is not None:
                done[plan.name] = hit
                if plan.source_key not in self._counted:
                    self._counted.add(plan.source_key)
                    self.report.cached += 1
                continue
            problem = self._refused_asset(plan)
            if problem is not None:
                self.problems.append(problem)
            else:
                missing.append(plan)
        if not missing:
            return done
        by_name = {plan.name: plan for plan in missing}

        early = {plan.name for plan in ahead}
        waiting = [plan for plan in missing if plan.name in early]
        leading = {plan.name for plan in first}

        def jobs() -> Iterator[RenderJob]:
            yield from (jobs_for[plan.name] for plan in missing if plan.name in leading)
            # The pool pulls a job as a worker frees up, so this is checked as the build goes.
            for plan in missing:
                if plan.name in early or plan.name in leading:
                    continue
                if waiting and (self.ahead_ready is None or self.ahead_ready()):
                    yield from (jobs_for[first.name] for first in waiting)
                    waiting.clear()
                yield jobs_for[plan.name]
            yield from (jobs_for[first.name] for first in waiting)

        with Progress(len(missing), self.progress_stream, label, self.show_progress) as progress:
            for result in run_jobs(jobs(), min(self.jobs, len(missing))):
                plan = by_name[result.name]
                self.report.renders += result.renders
                self.report.worker_cpu_seconds += result.cpu_seconds
                cached = self._store(plan, result)
                if cached is not None:
                    done[plan.name] = cached
                status = "cached" if result.from_cache else "rendered" if cached else "FAILED"
                progress.advance(result.name, status)
        return done

    def _store(self, plan: Plan, result: RenderResult) -> CachedPdf | None:
        if result.from_cache:
            cached = self.cache.get(result.key)
            self.report.cached += 1
        elif result.pdf is not None:
            cached = self.cache.put(result.key, result.pdf, result.fit, result.pages)
            self.report.rendered += 1
        else:
            self.problems.append(self._failure(plan, result))
            return None
        if cached is not None:
            self.cache.remember(plan.source_key, result.key)
            self._counted.add(plan.source_key)
        return cached

    def _failure(self, plan: Plan, result: RenderResult) -> Problem:
        if result.refused_url is not None:
            for path, origin in plan.assets:
                if file_url(path) == result.refused_url:
                    return self._problem_at(origin, result.error or "refused")
            return plan.source.problem("(document)", result.error or "refused a URL")
        exercise = plan.exercise
        if exercise is not None and result.pages > 1:
            sheet = "landscape " if plan.name.endswith("-desk.pdf") else ""
            message = (
                f"too long for one {sheet}{self.options.paper} page even at the tightest layout "
                f"({len(exercise.steps)} steps, {text_size(exercise)} characters); "
                "shorten the text or split the exercise"
            )
            return plan.source.problem("steps", message)
        return plan.source.problem("(document)", result.error or "could not be rendered")

    # -- the build ------------------------------------------------------------------------------

    def posters(
        self, options: PrintOptions | None = None, *, booklet_ahead: bool = False
    ) -> dict[str, CachedPdf]:
        """Every exercise's poster (one page each).

        With `booklet_ahead`, the booklet's own documents go on the same pool, ahead of the
        posters not yet started (see `_booklet_ahead`), so `booklet()` finds them in the cache.
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
            done = self.run(plans, jobs, "posters", ahead=rest, first=index)
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
        self, *, posters: bool = True, booklet: bool = True, booklet_next: bool = False
    ) -> BuildReport:
        """Build the requested documents into the cache; problems are kept in self.problems.

        `booklet_next` says a later call builds the booklet: its documents are rendered beside
        the posters now.
        """
        if posters:
            made = self.posters(booklet_ahead=booklet or booklet_next)
            self.outputs.update(made)
            self.report.fits.update({name: cached.fit for name, cached in made.items()})
        if booklet:
            whole = self.booklet()
            if whole is not None:
                self.outputs[BOOKLET] = whole
        return self.report

    def write(self, out_dir: Path) -> None:
        """Copy built PDFs into a folder, leaving files that already hold the same bytes alone."""
        for name, cached in sorted(self.outputs.items()):
            target = out_dir / name
            data = cached.path.read_bytes()
            same = target.is_file() and target.stat().st_size == len(data)
            if not (same and target.read_bytes() == data):
                write_atomic(target, data)
                self.report.written += 1
            self.report.files[name] = target

    def raise_problems(self) -> None:
        """Stop with every problem found, if any."""
        if self.problems:
            raise ContentError(self.problems)


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
