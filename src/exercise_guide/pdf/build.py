"""The print engine's build: plan documents from the cache, render what is missing, write outputs atomically.

Posters and the booklet are planned here; other packages plan their own kinds of document and hand
them to `PdfBuild.run` (routine sheets: handouts/sheets.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..content import Library, SourceFile
from ..errors import ContentError, Problem
from ..model import Exercise
from ..template_folders import Templates
from ..writing import write_atomic
from .cache import AssetHasher, CachedPdf, PdfCache
from .confine import allowed_roots, refusal
from .documents import PrintOptions, file_url, text_size
from .fingerprint import Fingerprint, code_digest
from .jobs import BOOKLET_FRONT, BOOKLET_PART, DESK_POSTER, POSTER, RenderJob, RenderResult, Setup
from .pool import Progress, default_jobs, run_jobs

BOOKLET = "guide.pdf"
# Exercise pages per booklet part: an edit re-renders one part, and a part in memory stays small.
BOOKLET_PART_SIZE = 8


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
    return f"{exercise_id}-desk.pdf" if options.layout == "desk" else f"{exercise_id}.pdf"


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
        booklet_part_size: int = BOOKLET_PART_SIZE,
    ) -> None:
        self.library = library
        self.booklet_part_size = booklet_part_size
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
        need_page: bool = False,
        label: str = "PDFs",
    ) -> dict[str, CachedPdf]:
        """Each plan's PDF, from the cache or rendered on the pool; failures become problems."""
        done: dict[str, CachedPdf] = {}
        missing: list[Plan] = []
        for plan in plans:
            hit = self.cache.lookup(plan.source_key)
            if hit is not None and (not need_page or self.cache.booklet_page(hit.key) is not None):
                done[plan.name] = hit
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

        def jobs() -> Iterator[RenderJob]:
            for plan in missing:
                yield jobs_for[plan.name]

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
            if result.booklet_page is not None:
                self.cache.put_booklet_page(result.key, result.booklet_page)
            self.cache.remember(plan.source_key, result.key)
        return cached

    def _failure(self, plan: Plan, result: RenderResult) -> Problem:
        if result.refused_url is not None:
            for path, origin in plan.assets:
                if file_url(path) == result.refused_url:
                    return self._problem_at(origin, result.error or "refused")
            return plan.source.problem("(document)", result.error or "refused a URL")
        if result.overflowing is not None:
            message = (
                f"its page of the booklet ({self.options.paper}) runs over one page; "
                "shorten the text or split the exercise"
            )
            return self.library.source("exercise", result.overflowing).problem("steps", message)
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

    def posters(self, options: PrintOptions | None = None) -> dict[str, CachedPdf]:
        """Every exercise's poster (one page each)."""
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
            need_page = options.layout == "poster"
            self._posters[options] = self.run(plans, jobs, need_page, "posters")
        return self._posters[options]

    def booklet(self) -> CachedPdf | None:
        """The whole guide as one PDF, each exercise's page at the fit level its poster needed.

        Rendered in parts (the front matter, then runs of exercise pages) that are cached on their
        own and joined, so an edit re-renders one run of pages, not the whole guide. Adding or
        removing an exercise moves the pages after it, so the runs after it are rendered again.
        """
        portrait = PrintOptions(paper=self.options.paper, layout="poster")
        posters = self.posters(portrait)
        exercises = list(self.library.exercises.values())
        found = [posters.get(poster_name(exercise.id, portrait)) for exercise in exercises]
        made = [cached for cached in found if cached is not None]
        if len(made) != len(exercises):
            return None  # a poster failed, and that problem is already reported
        front = self._booklet_front(portrait, exercises)
        if front is None:
            return None
        setup = self._setup(portrait)
        plans: list[Plan] = []
        jobs: dict[str, RenderJob] = {}
        guide = self.library.source("guide", "guide")
        size = self.booklet_part_size
        for start in range(0, len(exercises), size):
            run = exercises[start : start + size]
            keys = [cached.key for cached in made[start : start + size]]
            fits = [cached.fit for cached in made[start : start + size]]
            first_page = front.pages + 1 + start
            name = f"{BOOKLET} pages {first_page}-{first_page + len(run) - 1}"
            plans.append(
                Plan(
                    name=name,
                    source=guide,
                    source_key=self.fingerprint.booklet_part(
                        portrait.as_dict(), run, fits, first_page
                    ),
                    assets=self._assets_of(run),
                )
            )
            pages = tuple(self.cache.booklet_page(key) or "" for key in keys)
            jobs[name] = RenderJob(
                name, setup, tuple(run), pages, kind=BOOKLET_PART, first_page=first_page
            )
        done = self.run(plans, jobs, label="booklet")
        if len(done) != len(plans):
            return None  # a part failed, and that problem is already reported
        return self._join([front, *(done[plan.name] for plan in plans)])

    def _booklet_front(self, portrait: PrintOptions, exercises: list[Exercise]) -> CachedPdf | None:
        name = f"{BOOKLET} contents"
        plan = Plan(
            name=name,
            source=self.library.source("guide", "guide"),
            source_key=self.fingerprint.booklet_front(portrait.as_dict(), exercises),
            assets=self._assets_of([]),
        )
        job = RenderJob(name, self._setup(portrait), tuple(exercises), kind=BOOKLET_FRONT)
        return self.run([plan], {name: job}, label="booklet").get(name)

    def _join(self, parts: list[CachedPdf]) -> CachedPdf | None:
        """The booklet joined from its parts, from the cache when these exact parts were joined."""
        import pikepdf

        from .assemble import ASSEMBLY_FORMAT, join_parts

        digest = hashlib.sha256(ASSEMBLY_FORMAT.encode())
        for part in parts:
            digest.update(f"\0{part.key}".encode())
        key = digest.hexdigest()
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        try:
            data, pages = join_parts([part.path for part in parts])
        except (OSError, ValueError, KeyError, AttributeError, TypeError, pikepdf.PdfError) as exc:
            # Parts are checked against their recorded hash when taken from the cache, so this is
            # a part WeasyPrint made that the join cannot take, not a damaged file.
            guide = self.library.source("guide", "guide")
            self.problems.append(guide.problem("(document)", f"{BOOKLET}: could not join: {exc}"))
            return None
        self.report.joined += 1
        return self.cache.put(key, data, 0, pages)

    def build(self, *, posters: bool = True, booklet: bool = True) -> BuildReport:
        """Build the requested documents into the cache; problems are kept in self.problems."""
        if posters:
            made = self.posters()
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
