"""Run a command and sample the resident memory of its whole process tree (render workers too)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One command run: seconds, the peak of the summed RSS of every process in its tree, and the
    CPU seconds (user + system) of the whole tree."""

    seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces or parentheses; fields after the last ')' are fixed.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    """The summed RSS of a process and all its descendants (shared pages counted per process)."""
    tree = _children()
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(tree.get(pid, []))
    return total / 1024


def run_measured(args: list[str], cwd: Path, log: Path, env: dict[str, str], timeout: int) -> Run:
    """Run a command to completion (or fail loudly), sampling its tree's memory every 0.2 s."""
    peak = 0.0
    done = threading.Event()
    # Render workers are reaped by the build, and the build by us, so their CPU shows up here.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("wb") as out:
        # A session of its own, so a timeout can stop the render workers along with the build.
        proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=out, stderr=out, start_new_session=True
        )

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.2):
                peak = max(peak, tree_rss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise SystemExit(f"{' '.join(args)} took longer than {timeout} s (see {log})") from None
        finally:
            done.set()
            sampler.join()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(args)} failed ({code}) in {cwd}:\n{tail}")
    return Run(seconds, peak, cpu)
