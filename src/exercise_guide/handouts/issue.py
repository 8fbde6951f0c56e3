"""Issue one personalised handout: check everything, render it, then write the one output file."""

from __future__ import annotations

from pathlib import Path

from ..content import Library
from ..errors import display_path
from ..pdf import private_setup, render_private
from ..pdf.jobs import RenderJob
from ..template_folders import Templates
from ..writing import write_atomic
from .kinds import HANDOUT, SheetPayload
from .options import HandoutOptions, apply_options
from .plan import personalised
from .prescription import Prescription, PrescriptionError, read_prescription


def output_path(rx_file: Path | None, out: Path | None) -> Path:
    """Where the handout goes: --out, or beside the prescription file with a .pdf suffix."""
    if out is None:
        if rx_file is None:
            raise PrescriptionError(["--out: is required (the PDF file to write)"])
        out = rx_file.with_suffix(".pdf")
    if out.is_dir():
        raise PrescriptionError([f"--out {str(out)!r}: is a folder; give a file name ending .pdf"])
    if out.suffix.lower() != ".pdf":
        raise PrescriptionError([f"--out {str(out)!r}: the file name must end with .pdf"])
    return out


def issue_handout(
    library: Library,
    options: HandoutOptions,
    rx_file: Path | None,
    out: Path | None,
    templates: Templates,
    base: Prescription | None = None,
) -> Path:
    """Render a personalised handout straight to its target file; nothing else is written.

    `base` is a prescription read elsewhere (a programme link) instead of `rx_file`.
    """
    if rx_file is not None:
        base = read_prescription(rx_file)
    prescription = apply_options(base, options)
    target = output_path(rx_file, out)
    handout = personalised(library, prescription)
    # Rendered in this process and never through the PDF cache: patient details stay in memory
    # until they are written to the one file the clinician asked for.
    job = RenderJob(
        display_path(target),
        private_setup(library, templates),
        kind=HANDOUT,
        payload=SheetPayload(library, handout),
    )
    pdf, _ = render_private(job)
    write_atomic(target, pdf, private=True)
    return target
