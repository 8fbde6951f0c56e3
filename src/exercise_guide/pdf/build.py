"""Build posters and the booklet: plan from the cache, render what is missing, write outputs atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..content import Library, SourceFile
from ..errors import ContentError, Problem
from ..model import Exercise
from ..writing import write_atomic
from .cache import AssetHasher, CachedPdf, PdfCache
from .confine import allowed_roots, refusal
from .documents import (
    PrintOptions,
    booklet_html,
    file_url,
    poster_variants,
    text_size,
)
from .fingerprint import Fingerprint
from .jobs import RenderJob, RenderResult
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
    fits: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Plan:
    name: str
    source: SourceFile
    source_key: str
    variants: Callable[[], tuple[str, ...]]
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
        self.templates_dir = templates_dir
        self.options = options or PrintOptions(paper=library.guide.paper)
        self.cache = PdfCache(cache_dir)
        self.jobs = jobs or default_jobs()
        self.progress_stream = progress
        self.show_progress = show_progress
        self.roots = allowed_roots(library.root, templates_dir)
        self.base_url = file_url(library.root) + "/"
        self.assets = AssetHasher()
        self.fingerprint = Fingerprint(library, templates_dir, self.assets)
        self.report = BuildReport()
        self.problems: list[Problem] = []
        self.outputs: dict[str, CachedPdf] = {}
        self._posters: dict[PrintOptions, dict[str, CachedPdf]] = {}

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
        library, templates = self.library, self.templates_dir
        return _Plan(
            name=poster_name(exercise.id, options),
            source=library.source("exercise", exercise.id),
            source_key=self.fingerprint.poster(exercise, options.as_dict()),
            variants=lambda: poster_variants(library, exercise, options, templates),
            assets=self._assets_of(exercise),
            exercise=exercise,
        )

    def _booklet_plan(self, fits: dict[str, int]) -> _Plan:
        library, templates, options = self.library, self.templates_dir, self.options
        return _Plan(
            name=BOOKLET,
            source=library.source("guide", "guide"),
            source_key=self.fingerprint.booklet(options.as_dict(), fits),
            variants=lambda: (booklet_html(library, fits, options, templates),),
            assets=self._assets_of(None),
        )

    def _problem_for(self, origin: str, message: str, plan: _Plan) -> Problem:
        kind, _, rest = origin.partition(":")
        if kind == "guide":
            return self.library.source("guide", "guide").problem(rest, message)
        item, _, field_name = rest.partition(":")
        return self.library.source(kind, item).problem(field_name, message)

    def _refused_asset(self, plan: _Plan) -> Problem | None:
        for path, origin in plan.assets:
            reason = refusal(file_url(path), self.roots)
            if reason is not None:
                return self._problem_for(origin, reason, plan)
        return None

    # -- rendering ------------------------------------------------------------------------------

    def _run(
        self, plans: list[_Plan], *, one_page: bool, options: PrintOptions
    ) -> dict[str, CachedPdf]:
        """Each plan's PDF, from the cache or rendered; failures become problems."""
        done: dict[str, CachedPdf] = {}
        missing: list[_Plan] = []
        for plan in plans:
            hit = self.cache.lookup(plan.source_key)
            if hit is not None:
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
        keys: dict[str, tuple[_Plan, str]] = {}

        def jobs() -> Iterator[RenderJob]:
            for plan in missing:
                variants = plan.variants()
                key = self.assets.html_key(variants, options.as_dict())
                hit = self.cache.get(key)
                if hit is not None:
                    # Inputs changed but the HTML did not: link the new inputs to the old PDF.
                    self.cache.remember(plan.source_key, key)
                    done[plan.name] = hit
                    self.report.cached += 1
                    continue
                keys[plan.name] = (plan, key)
                yield RenderJob(plan.name, variants, self.base_url, self.roots, key[:32], one_page)

        label = "posters" if one_page else "booklet"
        stream = self.progress_stream
        with Progress(len(missing), stream, label, enabled=self.show_progress) as progress:
            for result in run_jobs(jobs(), min(self.jobs, len(missing))):
                plan, key = keys.pop(result.name)
                self.report.renders += result.renders
                cached = self._store(plan, key, result)
                if cached is not None:
                    done[plan.name] = cached
                progress.advance(result.name, "rendered" if cached else "FAILED")
        return done

    def _store(self, plan: _Plan, key: str, result: RenderResult) -> CachedPdf | None:
        if result.pdf is None:
            self.problems.append(self._failure(plan, result))
            return None
        self.report.rendered += 1
        cached = self.cache.put(key, result.pdf, result.fit, result.pages)
        self.cache.remember(plan.source_key, key)
        return cached

    def _failure(self, plan: _Plan, result: RenderResult) -> Problem:
        if result.refused_url is not None:
            for path, origin in plan.assets:
                if file_url(path) == result.refused_url:
                    return self._problem_for(origin, result.error or "refused", plan)
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
            plans = [self._poster_plan(ex, options) for ex in self.library.exercises.values()]
            self._posters[options] = self._run(plans, one_page=True, options=options)
        return self._posters[options]

    def booklet(self) -> CachedPdf | None:
        """The whole guide as one PDF, each exercise at the fit level its portrait poster needed."""
        portrait = PrintOptions(paper=self.options.paper, layout="poster")
        posters = self.posters(portrait)
        fits = {}
        for exercise in self.library.exercises.values():
            cached = posters.get(poster_name(exercise.id, portrait))
            if cached is None:
                return None  # its poster failed, and that problem is already reported
            fits[exercise.id] = cached.fit
        self.report.fits = fits
        return self._run([self._booklet_plan(fits)], one_page=False, options=portrait).get(BOOKLET)

    def build(self, *, posters: bool = True, booklet: bool = True) -> BuildReport:
        """Build the requested documents into the cache; raise ContentError listing what failed."""
        if posters:
            self.outputs.update(self.posters())
        if booklet:
            made = self.booklet()
            if made is not None:
                self.outputs[BOOKLET] = made
        return self.report

    def write(self, out_dir: Path) -> None:
        """Copy built PDFs into a folder, leaving files that already hold the same bytes alone."""
        for name, cached in sorted(self.outputs.items()):
            target = out_dir / name
            data = cached.path.read_bytes()
            if not (
                target.is_file()
                and target.stat().st_size == len(data)
                and target.read_bytes() == data
            ):
                write_atomic(target, data)
                self.report.written += 1
            self.report.files[name] = target

    def raise_problems(self) -> None:
        """Stop with every problem found, if any."""
        if self.problems:
            raise ContentError(self.problems)
