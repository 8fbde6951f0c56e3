"""Content text through the real Python-Markdown the site uses: it always renders as itself."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from exercise_guide.pages.escape import html_text, md_step, md_text

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "tables"]
MARKUP = [*list("<>&*_`[](){}#!|\\-+.=~:'\"/ \n\t"), "javascript:", "1.", "<script>", "&amp;"]
TEXT = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.text(min_size=1, max_size=4)), max_size=25
).map("".join)


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(source: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return parsed


def visible(value: str) -> str:
    kept = "".join(c for c in value if (c >= " " and c != "\x7f") or c in "\t\n")
    return " ".join(kept.split())


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("!!!0")
@example('!!! danger "x"')
def test_md_text_renders_as_plain_text(value: str) -> None:
    parsed = rendered(md_text(value))
    assert set(parsed.tags) <= {"p"}
    assert "".join(parsed.text).strip() == visible(value).strip()


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_md_text_in_a_list_item_stays_one_item(value: str) -> None:
    parsed = rendered(f"- {md_text(value)}")
    if visible(value):
        assert parsed.tags.count("li") == 1
        assert set(parsed.tags) <= {"ul", "li"}


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("***")
@example(" * * * ")
@example("* item")
@example("**bold** and *em*")
@example("*0**0*0")
@example("\\\\*a* b*")
def test_step_text_allows_emphasis_and_nothing_else(value: str) -> None:
    parsed = rendered(md_step(value))
    assert set(parsed.tags) <= {"p", "em", "strong"}
    assert parsed.attrs == []
    assert "".join(parsed.text).replace("*", "").strip() == visible(value).replace("*", "").strip()


def test_script_and_links_show_as_text() -> None:
    source = "<script>alert(1)</script> [x](javascript:alert(1)) ![i](x.png) <http://a.b>"
    parsed = rendered(md_text(source))
    assert parsed.tags == ["p"]
    assert "".join(parsed.text) == source


def test_step_text_keeps_author_emphasis() -> None:
    assert rendered(md_step("Move *gently* and **slowly**")).tags == ["p", "em", "strong"]
    assert rendered(md_text("Move *gently*")).tags == ["p"]


def test_line_start_markers_are_not_blocks() -> None:
    for value in (
        "# heading",
        "- item",
        "+ item",
        "1. item",
        "* item",
        "---",
        "> quote",
        "!!! note",
    ):
        assert rendered(md_text(value)).tags == ["p"], value
        assert rendered(md_step(value)).tags == ["p"], value


def test_html_text_escapes_quotes_for_attributes() -> None:
    assert html_text('a "b" <c> & d') == "a &quot;b&quot; &lt;c&gt; &amp; d"
