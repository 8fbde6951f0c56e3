"""Escaping content text for generated Markdown: content shows as text, never as markup."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown (with the extensions the site uses) treats as markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_INLINE_EMPHASIS = re.compile(r"([\\`_{}\[\]|])")
# Markup that only counts at the start of a line: headings, lists, rules, admonitions (`!!!`).
_LINE_START = re.compile(r"^(\s*)([#+!-]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# In step text `*` stays for emphasis, except as a rule (`***`) or a list marker (`* `).
_STAR_RULE = re.compile(r"\s*(?:\*\s*){3,}")
_LIST_STAR = re.compile(r"^(\s*)\*(\s)")
# A whole emphasis span: as many stars on each side, not touching other stars, no star inside,
# no space at either edge.
_EMPHASIS = re.compile(r"(?<![*\\])(\*{1,2})(?![*\s])[^*]*?(?<![\s*\\])\1(?!\*)")
_LONE_STAR = re.compile(r"(?<!\\)\*")


def md_text(value: object) -> str:
    """Content text as inline Markdown that renders literally: no HTML, links, or emphasis."""
    return _escape(str(value), _INLINE)


def md_step(value: object) -> str:
    """Step text as inline Markdown: like md_text, but *emphasis* written by the author is kept."""
    text = _escape(str(value), _INLINE_EMPHASIS)
    if _STAR_RULE.fullmatch(text):
        # Three or more stars alone are a horizontal rule, not emphasis.
        return text.replace("*", "\\*")
    text = _LIST_STAR.sub(r"\1\\*\2", text)
    return _keep_clean_emphasis(text)


def _keep_clean_emphasis(text: str) -> str:
    # Only clean *em* and **strong** spans keep their stars; any other star is escaped, because
    # Python-Markdown drops text on tangles such as `*0**0*0`. Escaped backslashes are set aside
    # first (\x00 never survives _escape), so `\\*` is seen as a backslash and a real star.
    text = text.replace("\\\\", "\x00")
    kept: list[str] = []
    last = 0
    for span in _EMPHASIS.finditer(text):
        kept += [_LONE_STAR.sub(r"\\*", text[last : span.start()]), span.group(0)]
        last = span.end()
    kept.append(_LONE_STAR.sub(r"\\*", text[last:]))
    return "".join(kept).replace("\x00", "\\\\")


def html_text(value: object) -> str:
    """Content text for an HTML context (attribute or element): every markup character escaped."""
    return html.escape(" ".join(str(value).split()), quote=True)


def _escape(text: str, inline: re.Pattern[str]) -> str:
    # Python-Markdown uses control characters as placeholders internally; content never needs them.
    text = _CONTROL.sub("", text)
    # One line only: a newline in content could start a block (list, heading, code, HTML block).
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = inline.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match:
        marker = match.group(2)
        # Escape the marker's first character (or the dot/paren after a number).
        if marker[0].isdigit():
            text = f"{match.group(1)}{marker[:-1]}\\{marker[-1]}{text[match.end() :]}"
        else:
            text = f"{match.group(1)}\\{marker}{text[match.end() :]}"
    return text
