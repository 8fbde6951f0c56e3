"""content/ → Library: load and validate every content file, naming file, line and field on error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import embeds
from .content_memo import read_memo, save_memo
from .errors import ContentError, Problem, display_path
from .invisible import find_invisible, message
from .media import media_problem
from .model import (
    ID_RE,
    Article,
    Exercise,
    Guide,
    KeyPose,
    Media,
    Routine,
)
from .yamlsafe import Document, parse_yaml, read_text, read_yaml

M = TypeVar("M", bound=BaseModel)

SCHEMA_LINE = "# yaml-language-server: $schema="
# Content files loaded cleanly by this process: (path, model, kind, id, extra) → (the file's
# bytes then, the model, its source). Models are frozen, so sharing them is safe.
_LOADED: dict[tuple[Any, ...], tuple[bytes, BaseModel, SourceFile]] = {}
_LOADED_MAX = 20000
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_ALL_FIELDS = sorted(
    {
        name
        for model in (Exercise, Guide, Routine, Article, KeyPose, Media)
        for name in model.model_fields
    }
    | {"reps", "sets", "hold", "duration", "frequency", "text", "breath", "pose", "view"}
    | {"motion", "mirror", "illustration", "kind", "joint", "direction", "label", "exercise"}
    | {"note", "name", "logo", "contact", "phone", "address", "web", "url", "licence"}
    | {"primary_color", "accent_color"}
)


@dataclass(frozen=True)
class SourceFile:
    """Where a piece of content came from, so later stages can point at the right line."""

    path: Path
    document: Document

    def problem(self, field: str, message: str) -> Problem:
        """A problem located at a field of this file."""
        return Problem(display_path(self.path), self.document.line_of(field), field, message)


@dataclass(frozen=True)
class Library:
    """Every exercise, routine and article of a guide, validated and immutable."""

    root: Path
    guide: Guide
    exercises: Mapping[str, Exercise]
    routines: Mapping[str, Routine]
    articles: Mapping[str, Article]
    poses: Mapping[str, KeyPose] = field(default_factory=dict)
    sources: Mapping[str, SourceFile] = field(default_factory=dict)

    def source(self, kind: str, item_id: str) -> SourceFile:
        """The file an item was loaded from (kind: exercise, routine, article, guide, poses)."""
        return self.sources[f"{kind}:{item_id}"]

    def body_areas(self) -> list[str]:
        """Every body area used by an exercise, in the guide's order, then alphabetical."""
        used = {area for ex in self.exercises.values() for area in ex.body_areas}
        ordered = [a for a in self.guide.body_areas if a in used]
        return ordered + sorted(used - set(ordered))

    def body_area_title(self, area: str) -> str:
        """The display name of a body area."""
        return self.guide.body_areas.get(area) or area.replace("-", " ").capitalize()

    def exercises_in(self, area: str) -> list[Exercise]:
        """The exercises that work a body area, by title."""
        return [ex for ex in self.exercises.values() if area in ex.body_areas]

    def media_path(self, name: str) -> Path:
        """The path of a file under content/media/ (already checked to stay inside it)."""
        return self.root / "media" / name


def load_library(root: Path | str, memo_dir: Path | None = None) -> Library:
    """Load content/ into a Library, or raise ContentError listing every problem found.

    With `memo_dir`, files loaded cleanly by an earlier process (and unchanged since) are taken
    from the memo saved there (`content_memo`), and the memo is saved again when it changed."""
    root = Path(root)
    _resolved.cache_clear()
    stored = read_memo(memo_dir, _LOADED) if memo_dir is not None else {}
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}

    guide_path = root / "guide.yml"
    guide: Guide | None = None
    if not guide_path.is_file():
        problems.append(Problem(display_path(guide_path), 1, "(file)", "is missing"))
    elif _inside(root, guide_path, problems):
        guide = load_model(guide_path, Guide, {}, problems, sources, "guide", "guide")

    poses: dict[str, KeyPose] = {}
    poses_path = root / "poses.yml"
    if poses_path.is_file() and _inside(root, poses_path, problems):
        poses = _load_poses(poses_path, problems, sources)

    exercises = {
        ex.id: ex
        for ex in _load_dir(root, root / "exercises", Exercise, "exercise", problems, sources)
    }
    routines = {
        r.id: r for r in _load_dir(root, root / "routines", Routine, "routine", problems, sources)
    }
    articles = {a.id: a for a in _load_articles(root, root / "pages", problems, sources)}

    if guide is not None and guide.branding.logo:
        _check_media_name(
            root, guide.branding.logo, sources["guide:guide"], "branding.logo", problems
        )
    # Files that exist but failed validation still count as known ids: one mistake, one message.
    known = exercises.keys() | _ids_in(root / "exercises")
    check_references(root, exercises, known, routines, sources, problems)

    if problems or guide is None:
        raise ContentError(problems)
    if memo_dir is not None:
        save_memo(memo_dir, stored, _LOADED, sources.values())
    ordered = dict(sorted(exercises.items(), key=lambda kv: (kv[1].title.casefold(), kv[0])))
    return Library(
        root=root,
        guide=guide,
        exercises=MappingProxyType(ordered),
        routines=MappingProxyType(dict(sorted(routines.items()))),
        articles=MappingProxyType(
            dict(sorted(articles.items(), key=lambda kv: (kv[1].order, kv[1].title)))
        ),
        poses=MappingProxyType(poses),
        sources=MappingProxyType(sources),
    )


# Cleared at every load: a folder may become a symlink between two builds of one `mkdocs serve`.
_resolved = lru_cache(maxsize=64)(Path.resolve)


def _inside(root: Path, path: Path, problems: list[Problem]) -> bool:
    """True when a content file really is inside content/; a symlink out of it is refused, so
    a build never publishes a file from elsewhere on the machine."""
    # A file that is no symlink is where its folder is: each folder is resolved once per load
    # (resolving every file's path was a twentieth of a no-change build at 873 exercises).
    real = path.resolve() if path.is_symlink() else _resolved(path.parent) / path.name
    if real.is_relative_to(_resolved(root)):
        return True
    problems.append(
        Problem(
            display_path(path),
            1,
            "(file)",
            "is a symlink to a file outside content/; copy the file into content/ instead",
        )
    )
    return False


def _load_dir(
    root: Path,
    folder: Path,
    model: type[M],
    kind: str,
    problems: list[Problem],
    sources: dict[str, SourceFile],
) -> Iterable[M]:
    if not folder.is_dir():
        return []
    loaded: list[M] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
            continue
        item_id = path.stem
        if not ID_RE.match(item_id):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    "(file name)",
                    f"'{item_id}' is not a valid id: use lowercase letters, digits and hyphens",
                )
            )
            continue
        if item_id.casefold() in seen:
            problems.append(
                Problem(display_path(path), 1, "(file name)", f"'{item_id}' is used twice")
            )
            continue
        seen[item_id.casefold()] = path
        if not _inside(root, path, problems):
            continue
        item = load_model(path, model, {"id": item_id}, problems, sources, kind, item_id)
        if item is not None:
            loaded.append(item)
    return loaded


def load_model(
    path: Path,
    model: type[M],
    extra: dict[str, Any],
    problems: list[Problem],
    sources: dict[str, SourceFile],
    kind: str,
    item_id: str,
) -> M | None:
    """One content file read and checked as `model`, or None with its problems added."""
    # A file whose bytes this process last loaded cleanly is not parsed again: `mkdocs serve`
    # reloads the whole library at every rebuild, and parsing is most of that.
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    memo_key = (str(path), model, kind, item_id, tuple(sorted(extra.items())))
    hit = _LOADED.get(memo_key)
    if hit is not None and raw is not None and hit[0] == raw:
        sources[f"{kind}:{item_id}"] = hit[2]
        return hit[1]  # type: ignore[return-value]
    try:
        doc = read_yaml(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    before = len(problems)
    item = _validate(path, doc, model, extra, problems, sources, kind, item_id)
    if item is not None and raw is not None and len(problems) == before:
        if len(_LOADED) > _LOADED_MAX:
            _LOADED.clear()
        _LOADED[memo_key] = (raw, item, sources[f"{kind}:{item_id}"])
    return item


def _validate(
    path: Path,
    doc: Document,
    model: type[M],
    extra: dict[str, Any],
    problems: list[Problem],
    sources: dict[str, SourceFile],
    kind: str,
    item_id: str,
) -> M | None:
    source = SourceFile(path, doc)
    if not isinstance(doc.data, dict):
        problems.append(source.problem("(root)", "must be a mapping of keys to values"))
        return None
    if "id" in doc.data and "id" in extra:
        problems.append(source.problem("id", "remove this key: the id is the file name"))
        return None
    try:
        item = model.model_validate({**doc.data, **extra})
    except ValidationError as exc:
        problems.extend(_problems_from(exc, source))
        return None
    sources[f"{kind}:{item_id}"] = source
    return item


def _problems_from(exc: ValidationError, source: SourceFile) -> list[Problem]:
    found: dict[str, Problem] = {}
    for error in exc.errors(include_url=False):
        field = _field_path(error["loc"], source.document.data)
        if error["type"] == "extra_forbidden":
            key = str(error["loc"][-1])
            close = difflib.get_close_matches(key, _ALL_FIELDS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            message = f"unknown key '{key}'{hint}"
        elif error["type"] == "missing":
            message = "is required"
        elif error["type"] == "value_error":
            # Our own validators' words, without pydantic's "Value error, " prefix.
            message = str(error.get("ctx", {}).get("error", error["msg"]))
        else:
            message = error["msg"]
            if error["type"] == "too_short" and isinstance(error.get("input"), list):
                message = "must not be empty"
        found.setdefault(field, source.problem(field, message))
    return list(found.values())


def _field_path(loc: tuple[int | str, ...], data: Any) -> str:
    # Pydantic adds union branch names ("str", "PoseChange") to locations; keep only real keys.
    parts: list[str] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(part, int) and isinstance(current, list) and part < len(current):
            parts.append(f"[{part}]")
            current = current[part]
        elif isinstance(current, dict) and part in current:
            parts.append(f".{part}")
            current = current[part]
        elif last and isinstance(current, dict | None):
            parts.append(f".{part}")
        # anything else is a pydantic branch label: skip it
    return "".join(parts).lstrip(".") or "(root)"


def _load_poses(
    path: Path, problems: list[Problem], sources: dict[str, SourceFile]
) -> dict[str, KeyPose]:
    try:
        doc = read_yaml(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return {}
    source = SourceFile(path, doc)
    sources["poses:poses"] = source
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        problems.append(source.problem("(root)", "must map pose names to poses"))
        return {}
    poses: dict[str, KeyPose] = {}
    for name, raw in doc.data.items():
        if not ID_RE.match(name):
            problems.append(source.problem(name, "pose names use lowercase letters and hyphens"))
            continue
        try:
            poses[name] = KeyPose.model_validate(raw)
        except ValidationError as exc:
            for p in _problems_from(exc, SourceFile(path, Document(raw, {}))):
                problems.append(source.problem(f"{name}.{p.field}", p.message))
    return poses


def _load_articles(
    root: Path, folder: Path, problems: list[Problem], sources: dict[str, SourceFile]
) -> list[Article]:
    if not folder.is_dir():
        return []
    articles: list[Article] = []
    for path in sorted(folder.glob("*.md")):
        item_id = path.stem
        if not ID_RE.match(item_id):
            problems.append(
                Problem(display_path(path), 1, "(file name)", f"'{item_id}' is not a valid id")
            )
            continue
        if not _inside(root, path, problems):
            continue
        try:
            text = read_text(path)
            match = _FRONT_MATTER.match(text)
            if match is None:
                raise ContentError.at(
                    path, 1, "(front matter)", "an article starts with '---', title: …, '---'"
                )
            doc = parse_yaml(match.group(1), display_path(path), line_offset=1)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        body = text[match.end() :]
        first_line = text.count("\n", 0, match.end()) + 1
        extra = {"id": item_id, "body": body}
        article = _validate(path, doc, Article, extra, problems, sources, "article", item_id)
        licensed = None if article is None else {image.file for image in article.images}
        found = _body_problems(root, path, body, first_line, licensed)
        if article is not None:
            for i, image in enumerate(article.images):
                _check_media_name(
                    root, image.file, sources[f"article:{item_id}"], f"images[{i}].file", found
                )
        problems.extend(found)
        if article is not None and not found:
            articles.append(article)
    return articles


def _body_problems(
    root: Path, path: Path, body: str, first_line: int, licensed: set[str] | None
) -> list[Problem]:
    """An article body's invisible characters, and images or embeds it may not load.

    `licensed` is the media files the front matter lists with a licence (None when the front
    matter itself is wrong, so that is reported once, not once per image)."""
    where = display_path(path)
    found: list[Problem] = []
    invisible = find_invisible(body)
    if invisible is not None:
        found.append(Problem(where, first_line + invisible.line - 1, "body", message(invisible)))
    for embed in embeds.embeds(body):
        line = first_line + embed.line - 1
        why = embeds.problem(embed)
        name = embed.media_name
        if why is None and name is not None:
            why = _media_name_problem(root, name)
            why = f"image {why}" if why is not None else None
            if why is None and licensed is not None and name not in licensed:
                why = (
                    f"image '{name}' needs a licence: list it in the front matter under images:"
                    " with file, licence and attribution"
                )
        if why is not None:
            found.append(Problem(where, line, "body", why))
    return found


def _check_media_name(
    root: Path, name: str, source: SourceFile, field: str, problems: list[Problem]
) -> None:
    problem = _media_name_problem(root, name)
    if problem is not None:
        problems.append(source.problem(field, problem))


def _media_name_problem(root: Path, name: str) -> str | None:
    """Why a media name cannot be used, or None for a safe file inside content/media/."""
    # Media names are plain relative paths inside content/media/: no URLs, no escaping it.
    media = (root / "media").resolve()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", name):
        return f"'{name}': URLs are not allowed; put the file in content/media/"
    if name.startswith(("/", "\\")) or ".." in Path(name).parts:
        return f"'{name}' must be a path inside content/media/"
    target = root / "media" / name
    if not target.is_file():
        return f"'{name}' does not exist in content/media/"
    if not target.resolve().is_relative_to(media):
        return f"'{name}' links outside content/media/"
    problem = media_problem(target)
    return f"'{name}' {problem}" if problem is not None else None


def _ids_in(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.iterdir() if p.suffix in (".yml", ".yaml")}


def check_references(
    root: Path,
    exercises: dict[str, Exercise],
    known: set[str],
    routines: dict[str, Routine],
    sources: dict[str, SourceFile],
    problems: list[Problem],
) -> None:
    """Add a problem for each reference that points nowhere: related exercises, media, routine items."""
    for ex in exercises.values():
        source = sources[f"exercise:{ex.id}"]
        for i, other in enumerate(ex.related):
            if other == ex.id:
                problems.append(
                    source.problem(f"related[{i}]", "an exercise cannot relate to itself")
                )
            elif other not in known:
                problems.append(source.problem(f"related[{i}]", _unknown("exercise", other, known)))
        for i, step in enumerate(ex.steps):
            if step.illustration is not None:
                _check_media_name(
                    root, step.illustration.file, source, f"steps[{i}].illustration.file", problems
                )
    for routine in routines.values():
        source = sources[f"routine:{routine.id}"]
        seen: set[str] = set()
        for i, item in enumerate(routine.exercises):
            field = f"exercises[{i}].exercise"
            if item.exercise == routine.id and item.exercise not in known:
                problems.append(source.problem(field, "a routine cannot name itself"))
            elif item.exercise not in known:
                problems.append(source.problem(field, _unknown("exercise", item.exercise, known)))
            elif item.exercise in seen:
                problems.append(source.problem(field, f"'{item.exercise}' is listed twice"))
            seen.add(item.exercise)


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no {kind} '{name}' exists{hint}"
