"""Mutation check: break each guard on purpose and expect the tests that guard it to fail.

Each mutant names one promise the README makes, the exact text in a guard module that keeps
it, the broken text to put in its place, and the tests that must notice. The check copies the
tree (the files git knows, as they are now) to a temp folder once, applies one mutant at a time
to that copy, runs only the mutant's tests there, and restores the file. The real files are
never edited.

    python -m tests.mutants            # every mutant
    python -m tests.mutants NAME ...   # some of them
    python -m tests.mutants --list     # names and promises

First the mutants' tests run once on the unchanged copy and must pass. Exit code 0 when every
mutant was then caught (its tests failed). A mutant whose tests all pass is
reported as SURVIVED and fails the check, and so does a mutant whose target text is no longer
in its file (the code moved: update the mutant, never drop it silently).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    """One deliberate break of a guard, and the tests that must catch it."""

    name: str
    promise: str
    path: str  # relative to the repository root
    old: str  # must occur in the file exactly once
    new: str
    tests: tuple[str, ...]  # pytest node ids, relative to the repository root


MUTANTS: tuple[Mutant, ...] = (
    Mutant(
        "fetcher-prefix",
        "the PDF fetcher serves only files inside content/, templates/ and the fonts",
        "src/exercise_guide/pdf/confine.py",
        "path.is_relative_to(root)",
        "str(path).startswith(str(root))",
        (
            "tests/pdf/test_failures.py::test_a_sibling_folder_whose_name_starts_like_content_is_refused",
        ),
    ),
    Mutant(
        "fetcher-web",
        "the PDF fetcher never fetches http(s) URLs",
        "src/exercise_guide/pdf/confine.py",
        'if scheme == "data":',
        'if scheme in ("data", "http", "https"):',
        (
            "tests/pdf/test_failures.py::test_the_fetcher_refuses_anything_outside_the_project_in_a_real_render",
        ),
    ),
    Mutant(
        "link-unlink-first",
        "linking a PDF into site/ never leaves the target missing",
        "src/exercise_guide/writing.py",
        "        os.link(source, tmp)\n        os.replace(tmp, target)\n",
        "        with contextlib.suppress(FileNotFoundError):\n"
        "            os.unlink(target)\n"
        "        os.link(source, target)\n",
        (
            "tests/test_writing.py::test_a_reader_never_finds_the_linked_target_missing_or_half_written",
        ),
    ),
    Mutant(
        "write-in-place",
        "an output is written to a temp file and renamed, never overwritten in place",
        "src/exercise_guide/writing.py",
        '        with os.fdopen(fd, "wb") as handle:\n'
        "            handle.write(data)\n"
        "            handle.flush()\n"
        "            os.fsync(handle.fileno())\n"
        "        os.replace(tmp_name, target)\n",
        "        os.close(fd)\n"
        "        os.unlink(tmp_name)\n"
        '        with open(target, "wb") as handle:\n'
        "            handle.write(data)\n"
        "            handle.flush()\n"
        "            os.fsync(handle.fileno())\n",
        ("tests/test_writing.py::test_a_full_disk_gives_a_clear_error_and_keeps_the_earlier_file",),
    ),
    Mutant(
        "handout-subject-patient",
        "a patient's name goes into the handout's pages only, never its metadata",
        "src/exercise_guide/handouts/sheet.py",
        "common = common_context(library, handout.title, library.guide.title)",
        "common = common_context(library, handout.title, library.guide.title"
        " + (f' for {handout.patient.name}' if handout.patient else ''))",
        ("tests/handouts/test_personal_handout.py::test_no_patient_detail_is_in_the_pdf_metadata",),
    ),
    Mutant(
        "svg-plain-href",
        "an authored SVG may not reference another document",
        "src/exercise_guide/media.py",
        '(local == "href" or attribute == _XLINK_HREF)',
        "attribute == _XLINK_HREF",
        ("tests/test_media.py::test_hostile_svg_is_refused[href]",),
    ),
    Mutant(
        "media-symlink",
        "a media file may not be a symlink out of content/media/",
        "src/exercise_guide/content.py",
        "    if not target.resolve().is_relative_to(media):\n",
        "    if False:\n",
        ("tests/test_media.py::test_a_symlink_out_of_content_is_refused",),
    ),
    Mutant(
        "safety-blank",
        "every exercise has at least one real safety line",
        "src/exercise_guide/model.py",
        "    safety: list[Text] = Field(min_length=1)\n",
        "    safety: list[str] = Field(min_length=1)\n",
        ("tests/test_content_errors.py::test_a_blank_safety_line_is_refused",),
    ),
    Mutant(
        "safety-optional",
        "safety notes are required",
        "src/exercise_guide/model.py",
        "    safety: list[Text] = Field(min_length=1)\n",
        "    safety: list[Text] = Field(default_factory=list)\n",
        (
            "tests/test_content_errors.py::test_missing_safety",
            "tests/test_content_errors.py::test_empty_safety",
        ),
    ),
    Mutant(
        "escape-md-html",
        "HTML in content shows as text on the site",
        "src/exercise_guide/pages/escape.py",
        "    text = html.escape(text, quote=False)\n",
        "",
        ("tests/site/test_hostile_markup.py::test_no_page_holds_a_script_frame_or_event_handler",),
    ),
    Mutant(
        "template-unescaped-title",
        "a site template escapes every content field it prints",
        "src/exercise_guide/templates/site/exercise.md.j2",
        "# {{ ex.title|md }}",
        "# {{ ex.title }}",
        ("tests/site/test_hostile_markup.py::test_no_page_holds_a_script_frame_or_event_handler",),
    ),
    Mutant(
        "article-raw-html",
        "raw HTML in an article shows as text",
        "src/exercise_guide/pages/generate.py",
        'out.append(line if fenced else _HTML_START.sub("&lt;", line))',
        "out.append(line)",
        ("tests/site/test_hostile_markup.py::test_no_page_holds_a_script_frame_or_event_handler",),
    ),
    Mutant(
        "poster-autoescape-off",
        "content text prints as text in a poster, never as markup",
        "src/exercise_guide/pdf/documents.py",
        '            "poster.html",\n            autoescape=True,\n',
        '            "poster.html",\n            autoescape=False,\n',
        ("tests/pdf/test_failures.py::test_content_text_is_escaped_and_review_notice_shown",),
    ),
    Mutant(
        "handout-autoescape-off",
        "a patient's words print as text in a handout, never as markup",
        "src/exercise_guide/handouts/sheet.py",
        "        autoescape=True,\n",
        "        autoescape=False,\n",
        ("tests/handouts/test_sheet_html.py::test_patient_words_are_escaped_not_markup",),
    ),
    Mutant(
        "yaml-scalar-tags",
        "custom YAML tags are refused",
        "src/exercise_guide/yamlsafe.py",
        "    if node.tag not in _ALLOWED_TAGS.get(type(node), set()):\n",
        "    if False:\n",
        ("tests/test_content_errors.py::test_yaml_tags_are_refused_with_their_field",),
    ),
    Mutant(
        "yaml-depth",
        "YAML nested deeper than 20 levels is refused before it is built",
        "src/exercise_guide/yamlsafe.py",
        "                if depth > MAX_DEPTH:\n",
        "                if False:\n",
        ("tests/test_content_errors.py::test_deep_nesting_is_refused",),
    ),
    Mutant(
        "front-matter-unescaped",
        "page titles the theme prints unescaped are escaped in the front matter",
        "src/exercise_guide/pages/generate.py",
        '"title": html_text(exercise.title),',
        '"title": exercise.title,',
        ("tests/site/test_hostile_markup.py::test_front_matter_values_carry_no_markup",),
    ),
    Mutant(
        "site-tags-set-order",
        "the same content gives the same site in any process",
        "src/exercise_guide/pages/generate.py",
        "return list(dict.fromkeys(names))",
        "return list(set(names))",
        ("tests/site/test_pages.py::test_generation_is_the_same_under_two_hash_seeds",),
    ),
    Mutant(
        "article-remote-image",
        "an article shows images from content/media/ only, never from another host",
        "src/exercise_guide/embeds.py",
        "    if embed.media_name is None or is_remote(embed.url):\n",
        "    if False:\n",
        (
            "tests/test_content_reach.py::test_a_remote_resource_in_an_article_is_refused_with_its_line",
        ),
    ),
    Mutant(
        "article-remote-embed",
        "an article embeds no iframe, video or audio from another host",
        "src/exercise_guide/embeds.py",
        "        if is_remote(embed.url):\n",
        "        if False:\n",
        (
            "tests/test_content_reach.py::test_a_remote_resource_in_an_article_is_refused_with_its_line",
        ),
    ),
    Mutant(
        "article-image-unlicensed",
        "every authored image has a licence, in articles too",
        "src/exercise_guide/content.py",
        "            if why is None and licensed is not None and name not in licensed:\n",
        "            if False:\n",
        ("tests/test_content_reach.py::test_an_article_image_without_a_licence_is_refused",),
    ),
    Mutant(
        "content-symlink",
        "no content file is read through a symlink out of content/",
        "src/exercise_guide/content.py",
        "    if real.is_relative_to(_resolved(root)):\n",
        "    if True:\n",
        (
            "tests/test_content_reach.py::test_a_content_file_that_is_a_symlink_out_of_content_is_refused",
        ),
    ),
    Mutant(
        "invisible-bidi",
        "no bidi control or other invisible format character hides in content",
        "src/exercise_guide/invisible.py",
        '    return (category == "Cf" and char not in _NEEDED) or category in _SEPARATORS\n',
        "    return category in _SEPARATORS\n",
        (
            "tests/test_content_reach.py::test_an_invisible_format_character_is_refused_with_path_line_and_field",
        ),
    ),
    Mutant(
        "handout-option-invisible",
        "a handout's patient, clinician, date and note hold no invisible character",
        "src/exercise_guide/handouts/options.py",
        "    elif (found := find_invisible(text)) is not None:\n",
        "    elif (found := None) is not None:\n",
        (
            "tests/handouts/test_invisible_options.py::test_an_invisible_character_in_a_handout_option_is_refused",
        ),
    ),
    Mutant(
        "booklet-hash-seed",
        "the joined booklet is the same in every process",
        "src/exercise_guide/pdf/assemble.py",
        "digest = hashlib.sha256(program).digest()",
        'digest = hash(program).to_bytes(8, "little", signed=True)',
        (
            "tests/pdf/test_join_naming.py::test_joined_booklet_and_its_subset_names_are_the_same_under_two_hash_seeds",
        ),
    ),
    Mutant(
        "contact-filler",
        "a handout's contact block leaves out what is not given (no filler, no empty labels)",
        "src/exercise_guide/handouts/contact.py",
        "pairs = tuple((label, value) for label, value in details if value)",
        "pairs = tuple((label, str(value or '')) for label, value in details)",
        ("tests/handouts/test_contact_block.py::test_empty_fields_are_left_out",),
    ),
    Mutant(
        "get-help-always",
        "no 'When to get help' box is printed when the guide sets none",
        "src/exercise_guide/templates/print/_get_help.html",
        "{% if guide.get_help %}",
        "{% if true %}",
        ("tests/pdf/test_get_help.py::test_no_kind_prints_a_box_when_it_is_not_set",),
    ),
    Mutant(
        "animation-placeholder-hash",
        "a cached page is made again when its animation alone changed (the SVG is cut from the "
        "Markdown MkDocs converts)",
        "src/exercise_guide/site_inline.py",
        "placeholder = _PLACEHOLDER.format(hashlib.sha256(svg.encode()).hexdigest())",
        'placeholder = _PLACEHOLDER.format("animation")',
        (
            "tests/site/test_animation_cut.py::test_an_edit_that_changes_only_the_animation_reaches_a_warm_build",
        ),
    ),
)


def _copy_tree(dest: Path) -> None:
    """The files git tracks or would track (not ignored), as they are in the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)


def _apply(tree: Path, mutant: Mutant) -> str:
    """Put the mutant in the copy; return the file's original text. Fails loudly if the target
    text is gone or ambiguous, so a moved guard is never counted as caught."""
    path = tree / mutant.path
    if not path.is_file():
        raise SystemExit(f"mutant {mutant.name}: {mutant.path} does not exist; update the mutant")
    text = path.read_text(encoding="utf-8")
    count = text.count(mutant.old)
    if count != 1:
        raise SystemExit(
            f"mutant {mutant.name}: the target text occurs {count} times in {mutant.path}"
            f" (expected once); the code moved: update the mutant\n  {mutant.old!r}"
        )
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return text


def _run_tests(tree: Path, tests: tuple[str, ...]) -> tuple[int, str]:
    """pytest's exit code for the tests in the tree, and its first FAILED or ERROR line."""
    env = {
        **os.environ,
        # The copy's own code comes first, in this process's children too (the CLI, workers).
        "PYTHONPATH": os.pathsep.join([str(tree / "src"), str(tree)]),
        # Restored files can have the same size and mtime as the mutant: no stale bytecode.
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "pytest", "-x", "--tb=short", "-p", "no:cacheprovider", *tests]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    summary = [line for line in result.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return result.returncode, summary[0] if summary else ""


def main(argv: list[str] | None = None) -> int:
    """Run the named mutants (all by default); return 0 when every one was caught."""
    parser = argparse.ArgumentParser(prog="python -m tests.mutants", description=__doc__)
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    args = parser.parse_args(argv)
    by_name = {m.name: m for m in MUTANTS}
    if args.list:
        for mutant in MUTANTS:
            print(f"{mutant.name}: {mutant.promise}")
        return 0
    unknown = [name for name in args.names if name not in by_name]
    if unknown:
        parser.error(f"no mutant named {', '.join(unknown)}")
    chosen = [by_name[name] for name in args.names] or list(MUTANTS)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="mutants-") as folder:
        tree = Path(folder)
        _copy_tree(tree)
        # A mutant counts as caught only if its tests pass on the code as it is.
        baseline = tuple(dict.fromkeys(node for mutant in chosen for node in mutant.tests))
        code, why = _run_tests(tree, baseline)
        if code != 0:
            print(f"baseline: the mutants' tests fail without any mutant (pytest exit {code})")
            print(f"  {why}")
            return 1
        print(
            f"baseline: the {len(baseline)} test ids named by the mutants pass unmutated",
            flush=True,
        )
        for mutant in chosen:
            original = _apply(tree, mutant)
            started = time.monotonic()
            try:
                code, why = _run_tests(tree, mutant.tests)
            finally:
                (tree / mutant.path).write_text(original, encoding="utf-8")
            seconds = time.monotonic() - started
            # pytest: 1 means tests failed (caught); 0 all passed; anything else is an error
            # (collection, usage), which says nothing about the guard.
            verdict = {0: "SURVIVED", 1: "caught"}.get(code, f"ERROR (pytest exit {code})")
            failed += verdict != "caught"
            print(f"{mutant.name}: {verdict} ({seconds:.1f} s) {mutant.tests[0]}", flush=True)
            if why:
                print(f"  {why}", flush=True)
    print(f"mutants: {len(chosen) - failed} of {len(chosen)} caught")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
