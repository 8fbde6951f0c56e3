"""CLI commands for content: check, schema, new, doctor."""

from __future__ import annotations

import ctypes.util
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from ..content import SCHEMA_LINE, load_library
from ..errors import ContentError, display_path
from ..model import ID_RE, Exercise, Guide, Routine
from ..placeholders import STEP, SUMMARY, placeholder_warnings
from ..slugs import slugify
from ..writing import write_atomic
from .group import cli
from .options import content_option


@cli.command()
@content_option
def check(content_dir: Path) -> None:
    """Validate all content; print every problem as path:line: field: message."""
    from ..validate import library_problems

    library = load_library(content_dir)
    problems = library_problems(library)
    if problems:
        raise ContentError(problems)
    # Placeholders build, so they warn (exit 0), but every one is named until it is edited.
    for warning in placeholder_warnings(library):
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"ok: {len(library.exercises)} exercises, {len(library.routines)} routines, "
        f"{len(library.articles)} articles in {display_path(content_dir)}"
    )


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "exercise": Exercise,
    "routine": Routine,
    "guide": Guide,
}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a content file; `id` is left out because the file name gives it."""
    schema = model.model_json_schema()
    schema["properties"].pop("id", None)
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content/schema"),
    show_default=True,
    help="Where to write <kind>.schema.json.",
)
def schema(out: Path) -> None:
    """Write JSON Schemas for content files, so editors autocomplete and flag errors."""
    out.mkdir(parents=True, exist_ok=True)
    for kind, model in SCHEMA_MODELS.items():
        target = out / f"{kind}.schema.json"
        text = json.dumps(json_schema(model), indent=2, sort_keys=True) + "\n"
        write_atomic(target, text.encode())
        click.echo(f"wrote {display_path(target)}")


SCAFFOLD = """{schema_line}../schema/exercise.schema.json
title: {title}
summary: {summary}
body_areas: [{area}]
position: standing
equipment: []
keywords: []
dose:
  reps: 5 times
  frequency: once a day
steps:
  - text: {step}
    breath: normal
    pose: stand
benefits: []
tips: []
safety:
{safety}
cautions: []
related: []
sources: []
"""


@cli.command()
@click.argument("title")
@click.option("--area", default="upper-back", show_default=True, help="Body area id.")
@content_option
def new(title: str, area: str, content_dir: Path) -> None:
    """Create a valid exercise file to start from, named after TITLE."""
    exercise_id = slugify(title)
    if not ID_RE.match(exercise_id) or not ID_RE.match(area):
        raise click.UsageError(f"cannot make an id from {title!r} / {area!r}")
    library = load_library(content_dir)
    target = content_dir / "exercises" / f"{exercise_id}.yml"
    if target.exists():
        raise click.UsageError(f"{display_path(target)} already exists")
    safety = "\n".join(f"  - {json.dumps(line)}" for line in library.guide.default_safety)
    # Quoted JSON strings are YAML strings: a title with colons, quotes or accents stays as typed.
    text = SCAFFOLD.format(
        schema_line=SCHEMA_LINE,
        title=json.dumps(title, ensure_ascii=False),
        summary=json.dumps(SUMMARY.format(title=title), ensure_ascii=False),
        step=json.dumps(STEP),
        area=area,
        safety=safety,
    )
    write_atomic(target, text.encode())
    click.echo(f"wrote {display_path(target)}: fill in the steps, then run `exercise-guide check`")


def _probe_library(*names: str) -> bool:
    return any(ctypes.util.find_library(name) for name in names)


DEPENDENCIES: list[tuple[str, str, str]] = [
    ("Pango (text layout for PDFs)", "library:pango-1.0", "apt-get install -y libpango-1.0-0"),
    (
        "HarfBuzz subset library (PDF fonts 4x faster)",
        "library:harfbuzz-subset",
        "apt-get install -y libharfbuzz-subset0",
    ),
    ("Chromium (browser tests)", "command:chromium", "apt-get install -y chromium"),
    ("zbarimg (QR tests)", "command:zbarimg", "apt-get install -y zbar-tools"),
    ("pdftotext/pdfinfo (PDF tests)", "command:pdfinfo", "apt-get install -y poppler-utils"),
]


@cli.command()
def doctor() -> None:
    """Report each system dependency as ok or missing, with the command that fixes it."""
    missing = 0
    for label, probe, fix in DEPENDENCIES:
        kind, name = probe.split(":", 1)
        ok = _probe_library(name) if kind == "library" else shutil.which(name) is not None
        if ok:
            click.echo(f"ok       {label}")
        else:
            missing += 1
            click.echo(f"missing  {label}: run `sudo {fix}`")
    if missing:
        sys.exit(1)
