"""Other formats → this guide's exercise YAML; each source format has its own module."""

from __future__ import annotations
