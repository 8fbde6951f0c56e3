"""The file name of a routine's sheet, known without planning or printing one."""

from __future__ import annotations


def routine_sheet_name(routine_id: str) -> str:
    """The file name of a routine's sheet (the site links pdf/<this>)."""
    return f"routine-{routine_id}.pdf"
