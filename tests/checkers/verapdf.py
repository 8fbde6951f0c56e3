"""veraPDF's PDF/UA-1 verdict on PDFs, many files in one JVM run."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.checkers.tools import run_classpath


@dataclass(frozen=True)
class RuleFailure:
    """One PDF/UA-1 rule a file breaks: ISO 14289-1 clause, test number, how often, what it says."""

    clause: str
    test: int
    count: int
    description: str

    def __str__(self) -> str:
        return f"ISO 14289-1 {self.clause} test {self.test} (x{self.count}): {self.description}"


def verapdf_failures(paths: Iterable[Path]) -> dict[Path, list[RuleFailure]]:
    """Every PDF/UA-1 rule each file fails (an empty list when it passes), in one JVM run."""
    files = [Path(p) for p in paths]
    if not files:
        return {}
    done = subprocess.run(
        ["java", "-cp", run_classpath(), "PdfUaCheck", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60 + 30 * len(files),
        check=False,
    )
    results: dict[Path, list[RuleFailure]] = {}
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        path = Path(record["file"])
        if "error" in record:
            raise RuntimeError(f"veraPDF could not read {path}: {record['error']}")
        results[path] = [RuleFailure(**failure) for failure in record["failures"]]
        if not record["compliant"] and not results[path]:
            raise RuntimeError(f"veraPDF calls {path} non-compliant without naming a rule")
    missing = [f for f in files if f not in results]
    if missing:
        raise RuntimeError(f"veraPDF gave no verdict on {missing}: {done.stderr[-2000:]}")
    return results
