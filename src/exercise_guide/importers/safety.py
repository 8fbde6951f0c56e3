"""The safety lines an imported exercise gets: the target guide's `default_safety`."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, display_path
from ..yamlsafe import read_yaml

# Same as the shipped content/guide.yml, for imports into a folder that has no guide yet.
BUILTIN_SAFETY: tuple[str, ...] = ("Stop if you feel any pain.", "Do it slowly and gently.")


def default_safety(exercises_dir: Path) -> list[str]:
    """default_safety from the guide.yml beside the exercises folder, else the built-in lines."""
    guide_path = exercises_dir.parent / "guide.yml"
    if not guide_path.is_file():
        return list(BUILTIN_SAFETY)
    doc = read_yaml(guide_path)
    data = doc.data if isinstance(doc.data, dict) else {}
    lines = data.get("default_safety")
    if lines is None:
        return list(BUILTIN_SAFETY)
    if (
        not isinstance(lines, list)
        or not lines
        or not all(isinstance(line, str) and line.strip() for line in lines)
    ):
        raise ContentError.at(
            display_path(guide_path),
            doc.line_of("default_safety"),
            "default_safety",
            "must be a list of one or more safety lines",
        )
    return [line.strip() for line in lines]
