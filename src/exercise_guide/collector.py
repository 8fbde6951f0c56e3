"""Python's cyclic garbage collector, set for a process that builds once and exits.

A build makes large trees of short-lived objects over a heap of modules and caches that lives
to the end. With Python's defaults the collector walked that heap again and again, and Python's
exit collected all of it several times over.
"""

from __future__ import annotations

import gc


def collect_less() -> None:
    """Freeze what is loaded by now, and collect young objects ten times less often."""
    # Frozen, the collector no longer walks it (it still goes when nothing refers to it).
    # A no-change site build at 873 exercises spent 0.2 s collecting, 0.1 s with this; a
    # render worker 10-13 ms of each poster, 5-6 ms with this.
    gc.freeze()
    gc.set_threshold(7_000, 10, 10)


def exit_soon() -> None:
    """Leave the heap to the operating system when the process exits next (nothing more to
    collect): Python's exit otherwise collected it several times over, 0.4 s of a 2.9 s
    no-change site build at 873 exercises."""
    gc.freeze()
