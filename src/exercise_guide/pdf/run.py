"""Render planned documents: each from the cache or on the render pool, failures kept as problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
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
from .jobs import RenderJob, RenderResult, Setup
from .pool import Progress, default_jobs, run_jobs


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


@dataclass(frozen=True)
class Batch:
    """Documents of another kind (routine sheets) to render on the posters' pool, ahead of them:
    their plans, and their jobs, which may be made only when the pool asks for them."""

    plans: list[Plan]
    jobs: dict[str, RenderJob]
    label: str


class DocumentRun:
    """Documents of a library rendered through a cache folder: what every build of print documents shares."""

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
        # Source keys that failed in this build: met again (a batch rendered beside the posters,
        # then asked for), they are not rendered twice nor their problems reported twice.
        self._failed: set[str] = set()
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
        jobs_for: Mapping[str, RenderJob],
        label: str = "PDFs",
        ahead: Sequence[Plan] = (),
        first: Sequence[Plan] = (),
    ) -> dict[str, CachedPdf]:
        """Each plan's PDF, from the cache or rendered on the pool; failures become problems.

        Plans in `first` are handed to the pool before all others; plans in `ahead` before the
        rest, once `ahead_ready` allows. A plan that failed earlier in this build is left out.
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
            if plan.source_key in self._failed:
                continue
            problem = self._refused_asset(plan)
            if problem is not None:
                self._failed.add(plan.source_key)
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
            self._failed.add(plan.source_key)
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
