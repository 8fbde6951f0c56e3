"""CLI commands for handout (see cli/__init__.py for the group)."""

from __future__ import annotations
