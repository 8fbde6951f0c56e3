"""Render jobs on a process pool over all cores, with a progress bar on a terminal and plain lines otherwise."""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.forkserver
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TextIO

from ..collector import collect_less
from ..memory import return_freed_memory
from .jobs import RenderJob, RenderResult


def default_jobs() -> int:
    """How many render processes to run: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker() -> None:
    """A render worker's start: WeasyPrint loaded, and Python's cyclic garbage collector set
    for laying out one document after another."""
    # Imported here so WeasyPrint is loaded in the workers only, never the parent.
    from . import render  # noqa: F401

    # Each document is a large tree of short-lived objects: with Python's defaults the collector
    # was a tenth of a poster's CPU. 7 MB more memory a worker (the garbage of the imports goes
    # first: frozen, it would stay).
    gc.collect()
    collect_less()


def _render(job: RenderJob) -> RenderResult:
    from .render import render

    result = render(job)
    if result.pages > 1:
        # A document of several pages (a booklet document, a routine sheet) leaves the worker's
        # heap larger than the one-page posters after it need: handed back, the worker that laid
        # the seed's routine sheet out before its posters stayed 20 MB smaller, and the 873
        # build's peak, both workers at it, came back under 500 MB.
        gc.collect()
        return_freed_memory()
    return result


def run_jobs(jobs: Iterable[RenderJob], workers: int) -> Iterator[RenderResult]:
    """Render jobs as they come, at most a few in flight, so memory stays bounded; yield results."""
    # Forking never happens from the parent, whose threads (progress bar, MkDocs) would not
    # survive a fork. The fork server preloads nothing: each worker imports WeasyPrint itself
    # (about 1 s of CPU), while a server holding it stayed beside the workers for the whole
    # build, 80 MB counted against the build's peak memory.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])
    limit = workers * 2
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker
    ) as pool:
        pending: set[Future[RenderResult]] = set()
        for job in jobs:
            pending.add(pool.submit(_render, job))
            if len(pending) >= limit:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def stop_fork_server() -> None:
    """Stop the idle fork server; the next pool starts another.

    Called before the booklet's join, the build's largest allocation, which runs in this process
    after every document is rendered: a fork server waiting beside it only adds to the peak.
    """
    # multiprocessing has no public way to stop it; ForkServer._stop is what its tests use
    # (Python 3.8 to 3.13). Without it the server simply stays, as it did before.
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop):
        stop()


class Progress:
    """Reports finished PDFs: a rich progress bar on a terminal, one plain line each otherwise."""

    def __init__(
        self, total: int, stream: TextIO | None = None, label: str = "PDFs", enabled: bool = True
    ) -> None:
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self._bar: object | None = None
        self._task: object | None = None

    def __enter__(self) -> Progress:
        if self.enabled and self.total and self.stream.isatty():
            from rich.console import Console
            from rich.progress import Progress as RichProgress

            bar = RichProgress(console=Console(file=self.stream), transient=True)
            bar.__enter__()
            self._task = bar.add_task(f"Rendering {self.label}", total=self.total)
            self._bar = bar
        return self

    def advance(self, name: str, status: str) -> None:
        """Count one finished document."""
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1)  # type: ignore[attr-defined]
        elif self.enabled:
            print(f"[{self.done}/{self.total}] {status} {name}", file=self.stream, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)  # type: ignore[attr-defined]
