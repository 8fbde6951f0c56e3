"""Build posters and the booklet: plan from the cache, render what is missing, write outputs atomically."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..content import Library, SourceFile
from ..errors import ContentError, Problem
from ..model import Exercise
from ..writing import write_atomic
from .cache import AssetHasher, CachedPdf, PdfCache
from .confine import allowed_roots, refusal
from .documents import PrintOptions, file_url, text_size
from .fingerprint import Fingerprint, code_digest
from .jobs import RenderJob, RenderResult, Setup
from .pool import Progress, default_jobs, run_jobs

BOOKLET = "guide.pdf"


@dataclass
class BuildReport:
    """What a build did: every output file, and how many PDFs were rendered or taken from the cache."""

    files: dict[str, Path] = field(default_factory=dict)
    rendered: int = 0
    cached: int = 0
    renders: int = 0
    written: int = 0
    worker_cpu_seconds: float = 0.0
    fits: dict[str, int] = field(default_factory=dict)  # poster file name → fit level used


@dataclass(frozen=True)
class _Plan:
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
        templates_dir: Path,
        cache_dir: Path,
        options: PrintOptions | None = None,
        jobs: int | None = None,
        progress: TextIO | None = None,
        show_progress: bool = True,
    ) -> None:
        self.library = library
        self.templates_dir = templates_dir.resolve()
        self.options = options or PrintOptions(paper=library.guide.paper)
        self.cache = PdfCache(cache_dir)
        self.cache_dir = cache_dir.resolve()
        self.jobs = jobs or default_jobs()
        self.progress_stream = progress
        self.show_progress = show_progress
        self.roots = allowed_roots(library.root, templates_dir)
        self.code = code_digest(self.templates_dir)
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
            templates_dir=str(self.templates_dir),
            guide=library.guide,
            poses=dict(library.poses),
            roots=self.roots,
            cache_dir=str(self.cache_dir),
            code_digest=self.code,
            paper=options.paper,
            layout=options.layout,
        )

    # -- planning -------------------------------------------------------------------------------

    def _assets_of(self, exercise: Exercise | None) -> tuple[tuple[Path, str], ...]:
        found: list[tuple[Path, str]] = []
        guide = self.library.guide
        if guide.branding.logo:
            found.append((self.library.media_path(guide.branding.logo), "guide:branding.logo"))
        exercises = [exercise] if exercise else list(self.library.exercises.values())
        for ex in exercises:
            for i, step in enumerate(ex.steps):
                if step.illustration is not None:
                    path = self.library.media_path(step.illustration.file)
                    found.append((path, f"exercise:{ex.id}:steps[{i}].illustration.file"))
        return tuple(found)

    def _poster_plan(self, exercise: Exercise, options: PrintOptions) -> _Plan:
        return _Plan(
            name=poster_name(exercise.id, options),
            source=self.library.source("exercise", exercise.id),
            source_key=self.fingerprint.poster(exercise, options.as_dict()),
            assets=self._assets_of(exercise),
            exercise=exercise,
        )

    def _problem_at(self, origin: str, message: str) -> Problem:
        kind, _, rest = origin.partition(":")
        if kind == "guide":
            return self.library.source("guide", "guide").problem(rest, message)
        item, _, field_name = rest.partition(":")
        return self.library.source(kind, item).problem(field_name, message)

    def _refused_asset(self, plan: _Plan) -> Problem | None:
        # Checked before rendering, so the message names the content field; the worker's
        # fetcher refuses the same URLs again in case a template links something itself.
        for path, origin in plan.assets:
            reason = refusal(file_url(path), self.roots)
            if reason is not None:
                return self._problem_at(origin, reason)
        return None

    # -- rendering ------------------------------------------------------------------------------

    def _run(
        self,
        plans: list[_Plan],
        jobs_for: dict[str, RenderJob],
        need_page: bool,
    ) -> dict[str, CachedPdf]:
        """Each plan's PDF, from the cache or rendered; failures become problems."""
        done: dict[str, CachedPdf] = {}
        missing: list[_Plan] = []
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

        label = "booklet" if BOOKLET in by_name else "posters"
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

    def _store(self, plan: _Plan, result: RenderResult) -> CachedPdf | None:
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

    def _failure(self, plan: _Plan, result: RenderResult) -> Problem:
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

    def posters(self, options: PrintOptions | None = None) -> dict[str, CachedPdf]:
        """Every exercise's poster (one page each)."""
        options = options or self.options
        if options not in self._posters:
            setup = self._setup(options)
            exercises = list(self.library.exercises.values())
            plans = [self._poster_plan(ex, options) for ex in exercises]
            jobs = {
                plan.name: RenderJob(plan.name, setup, (ex,))
                for plan, ex in zip(plans, exercises, strict=True)
            }
            need_page = options.layout == "poster"
            self._posters[options] = self._run(plans, jobs, need_page)
        return self._posters[options]

    def booklet(self) -> CachedPdf | None:
        """The whole guide as one PDF, each exercise's page at the fit level its poster needed."""
        portrait = PrintOptions(paper=self.options.paper, layout="poster")
        posters = self.posters(portrait)
        fits, keys = {}, []
        for exercise in self.library.exercises.values():
            cached = posters.get(poster_name(exercise.id, portrait))
            if cached is None:
                return None  # its poster failed, and that problem is already reported
            fits[exercise.id] = cached.fit
            keys.append(cached.key)
        plan = _Plan(
            name=BOOKLET,
            source=self.library.source("guide", "guide"),
            source_key=self.fingerprint.booklet(portrait.as_dict(), fits),
            assets=self._assets_of(None),
        )
        if self.cache.lookup(plan.source_key) is None:
            pages = tuple(self.cache.booklet_page(key) or "" for key in keys)
            exercises = tuple(self.library.exercises.values())
            job = RenderJob(BOOKLET, self._setup(portrait), exercises, pages, booklet=True)
            return self._run([plan], {BOOKLET: job}, need_page=False).get(BOOKLET)
        return self._run([plan], {}, need_page=False).get(BOOKLET)

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
