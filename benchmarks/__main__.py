"""Run every benchmark module (bench_*.py) in turn: `python -m benchmarks [name ...] [--flag ...]`.

Flags (arguments starting with --) are left in sys.argv for the benchmark modules that read them.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    """Import each benchmarks.bench_* module and call its main()."""
    wanted = {arg for arg in sys.argv[1:] if not arg.startswith("--")}
    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        print(f"# {info.name}", flush=True)
        importlib.import_module(f"benchmarks.{info.name}").main()


if __name__ == "__main__":
    main()
