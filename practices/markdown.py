"""Markdown body text to safe HTML.

Two layers: Markdown is parsed with raw HTML switched off (an editor's `<script>` is shown as
text, never passed through), and the result is sanitised by bleach on a small allow-list, so
a bug or a trick in either layer alone cannot put active content on a public page.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from functools import lru_cache

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "blockquote",
        "sub",
        "sup",
        "abbr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
# Section headings (Aanpak, Resultaten, …) are h2 on the page; body headings start below them.
TOP_BODY_HEADING = 3


class _NoRawHtml(Extension):
    """Treat raw HTML in Markdown as text: it is escaped, not interpreted."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _ShiftHeadings(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                level = min(6, max(TOP_BODY_HEADING, int(element.tag[1]) + 1))
                element.tag = f"h{level}"


class _BodyHeadings(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)


def _set_link_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


_URL_IGNORED = str.maketrans("", "", "\t\n\r")
_URL_LEADING = "".join(chr(code) for code in range(0x21))


def _site_or_absolute(attrs: dict, new: bool = False) -> dict | None:
    """Keep links that are absolute (the allowed protocols) or relative to this site.

    A protocol-relative link (`//host`, or `/\\host`, which browsers read the same way) leaves
    the site without saying so: the link is dropped and its text kept.
    """
    # As the browser reads it: entities decoded, tabs and newlines anywhere in the URL and
    # control characters before it dropped.
    href = html.unescape(attrs.get((None, "href"), ""))
    href = href.translate(_URL_IGNORED).lstrip(_URL_LEADING)
    if href[:2].replace("\\", "/") == "//":
        return None
    return attrs


@lru_cache(maxsize=1)
def _cleaner() -> bleach.sanitizer.Cleaner:
    return bleach.sanitizer.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[
            lambda source: LinkifyFilter(
                source,
                callbacks=[_site_or_absolute, _set_link_rel],
                skip_tags={"pre", "code"},
                parse_email=True,
            )
        ],
    )


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            _NoRawHtml(),
            _BodyHeadings(),
            "markdown.extensions.tables",
            "markdown.extensions.sane_lists",
            "markdown.extensions.def_list",
            "markdown.extensions.abbr",
        ],
        extension_configs={"markdown.extensions.tables": {"use_align_attribute": True}},
        output_format="html",
    )


# Building a converter (registering every extension) cost more than converting a text, so
# each thread keeps one and resets it between texts.
_local = threading.local()


def _markdown_to_html(text: str) -> str:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = _converter()
    return converter.reset().convert(text)


def render_markdown(text: str | None) -> SafeString:
    """Render editor-supplied Markdown to HTML that is safe to put on a public page."""
    if not text:
        return mark_safe("")
    return mark_safe(_cleaner().clean(_markdown_to_html(text)))


_TAG = re.compile(r"<[^>]*>")


def markdown_to_plain_text(text: str | None) -> str:
    """The words of a Markdown text without markup, for search indexing and snippets.

    Never shown as HTML, so no sanitiser is needed: with raw HTML switched off the converter
    only emits its own tags, and every `<` of the text itself comes out as `&lt;`. Dropping
    the tags and unescaping the entities gives the text (bleach did the same at 5× the cost).
    """
    if not text:
        return ""
    return html.unescape(_TAG.sub("", _markdown_to_html(text))).strip()


# Markup that changes which words a text has: links and images (URLs), raw HTML and
# autolinks, code spans (entities stay literal), backslash escapes, reference and abbreviation
# definitions, ordered-list numbers, and `_` emphasis (Elasticsearch's standard tokenizer
# keeps underscores inside a word). A text with any of it goes through the full converter.
_NEEDS_CONVERTER = re.compile(r"[\[`\\<_]|^\s*\d+[.)]\s", re.MULTILINE)


def markdown_search_text(text: str | None) -> str:
    """The words of a Markdown text for the search indexes: the same words as
    `markdown_to_plain_text` (tests/test_markdown.py checks it on the corpus), at a fraction
    of the cost: a text whose markup makes no word (`*`, `#`, `|`, `-` bullets: the analyzers
    skip them) is its own search text, with entities decoded; any other goes through the
    full converter. Converting Markdown was most of the time a rebuild took
    (docs/benchmarks.md).
    """
    if not text:
        return ""
    if _NEEDS_CONVERTER.search(text):
        return markdown_to_plain_text(text)
    return html.unescape(text).strip()
