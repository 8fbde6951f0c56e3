#!/usr/bin/env python3
"""Build the printable PDFs into dist/: `python build_pdf.py --help` (same as `exercise-guide pdf`)."""

from __future__ import annotations

from exercise_guide.cli.pdf_cmds import standalone

# The guard matters: render workers start from a fork server that re-imports the main module.
if __name__ == "__main__":
    standalone()
