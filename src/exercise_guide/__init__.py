"""exercise-guide: structured exercise data in; a searchable site and printable PDFs out."""

from __future__ import annotations

__version__ = "0.1.0"
