"""The Nu HTML checker's errors on HTML files, many files in one JVM run."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.checkers.tools import INSTALL_HINT, VNU_JAR


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu HTML checker reports: where, what, and the markup around it."""

    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message} [{' '.join(self.extract.split())}]"


def vnu_errors(files: Iterable[Path]) -> dict[Path, list[HtmlError]]:
    """Every error (not warning) the Nu HTML checker finds in each file, in one JVM run."""
    paths = [Path(f).resolve() for f in files]
    if not paths:
        return {}
    if not VNU_JAR.exists():
        raise RuntimeError(f"{VNU_JAR} is missing: {INSTALL_HINT}")
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--stdout", "--format", "json", "--exit-zero-always"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=120 + 5 * len(paths),
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the Nu HTML checker failed: {done.stderr[-2000:]}")
    errors: dict[Path, list[HtmlError]] = {p: [] for p in paths}
    for message in json.loads(done.stdout)["messages"]:
        if message["type"] == "non-document-error":
            raise RuntimeError(f"the Nu HTML checker could not check: {message}")
        if message["type"] != "error":
            continue
        path = Path(unquote(urlparse(message["url"]).path))
        errors[path].append(
            HtmlError(message.get("lastLine"), message["message"], message.get("extract", ""))
        )
    return errors
