"""Memory this process freed, handed back to the system."""

from __future__ import annotations

import ctypes


def return_freed_memory() -> None:
    """Hand memory freed in this process back to the system (glibc's malloc_trim), so a large
    object graph freed after the join does not stay counted against the build."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: the allocator keeps it, as before
        return
    libc.malloc_trim(0)
