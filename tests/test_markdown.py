"""Body text is Markdown, and nothing an editor (or an attacker with an editor's account)
writes there can put active content on a public page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from practices.markdown import (
    ALLOWED_TAGS,
    markdown_search_text,
    markdown_to_plain_text,
    render_markdown,
)
from search.text import words

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](  javascript:alert(1))",
    "[klik](java\tscript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    "<div onmouseover=alert(1)>hover</div>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<!--<script>alert(1)</script>-->",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="https://ok.example" style="position:fixed">x</a>',
    "<<script>script>alert(1)<</script>/script>",
    "[x](https://ok.example)<img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "\u0000<script>alert(1)</script>",
    "<a href='&#x6A;avascript:alert(1)'>x</a>",
]

SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def active_content(rendered: str) -> list[str]:
    parser = _Elements()
    parser.feed(rendered)
    parser.close()
    problems = []
    for tag, attrs in parser.elements:
        if tag not in ALLOWED_TAGS:
            problems.append(f"element <{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src"):
                scheme = "".join(value.split()).lower()
                if ":" in scheme.split("/")[0] and not scheme.startswith(SAFE_SCHEMES):
                    problems.append(f"{name}={value!r} on <{tag}>")
    return problems


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_without_active_content(source):
    rendered = str(render_markdown(source))
    assert active_content(rendered) == [], rendered


def test_the_checker_itself_catches_active_content():
    assert active_content('<p><img src=x onerror="alert(1)"></p>')
    assert active_content('<a href=" JavaScript:alert(1)">x</a>')
    assert active_content("<script>alert(1)</script>")


def test_only_http_https_and_mailto_links_survive():
    rendered = str(
        render_markdown(
            "[a](https://a.example) [b](http://b.example) [c](mailto:c@example.org) [d](ftp://d.example)"
        )
    )
    assert 'href="https://a.example"' in rendered
    assert 'href="http://b.example"' in rendered
    assert 'href="mailto:c@example.org"' in rendered
    assert 'href="ftp' not in rendered


def test_links_get_nofollow_noopener():
    rendered = str(
        render_markdown("Zie [de site](https://wijk.example) en https://www.rotterdam.nl")
    )
    assert rendered.count('rel="nofollow noopener"') == 2


def test_allowed_formatting_is_kept():
    rendered = str(
        render_markdown(
            "# Kop\n\n**vet** en *schuin*\n\n- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        )
    )
    for tag in (
        "<h3>",
        "<strong>vet</strong>",
        "<em>schuin</em>",
        "<ul>",
        "<li>een</li>",
        "<table>",
        "<td>1</td>",
    ):
        assert tag in rendered
    # Body headings sit below the page's own section headings (h2).
    assert "<h1>" not in rendered and "<h2>" not in rendered


def test_raw_html_is_shown_as_text_not_dropped_silently():
    rendered = str(render_markdown("Gebruik <b>geen</b> HTML"))
    assert "geen" in rendered
    assert "<b>" not in rendered


CORPUS = Path(__file__).resolve().parent.parent / "content" / "practices"
TRICKY_MARKDOWN = [
    'Zie [de site](https://wijk.example.nl/a_(b) "titel") en ![kaart](kaart.png).',
    "**Vet**, _schuin_, `code &amp; meer` en \\*geen\\* nadruk",
    "Een [verwijzing][r] en [r]: https://x.example/pad\n\n[r]: https://x.example/pad",
    "*[MKBA]: maatschappelijke kosten-batenanalyse\n\nDe MKBA was positief.",
    "| kolom | waarde |\n|:---|---:|\n| kosten | &euro; 5 |",
    "- een\n- twee\n\n1. drie\n\n> citaat met <b>html</b> en <https://x.example>",
    "Term\n: definitie met caf&eacute;",
    *HOSTILE,
]


@pytest.mark.parametrize(
    "text",
    [
        *TRICKY_MARKDOWN,
        *(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md"))),
    ],
)
def test_search_text_has_the_words_of_the_plain_text(text):
    """The indexes get the cheap search text; it must hold exactly the words a reader sees."""
    assert words(markdown_search_text(text)) == words(markdown_to_plain_text(text))


def test_plain_text_has_no_markup():
    assert markdown_to_plain_text("**Vet** en [link](https://x.example) &amp;") == ("Vet en link &")


@pytest.mark.parametrize(
    "source",
    [
        "[x](//evil.example/pad)",
        "[x](/\\evil.example)",
        "[x](\\\\\\\\evil.example)",
        "[x](/&#9;/evil.example)",
        "[x](/&Tab;/evil.example)",
        "[x]( //evil.example)",
    ],
)
def test_protocol_relative_links_are_dropped_text_kept(source):
    html = str(render_markdown(source))
    assert "evil.example" not in html.split(">", 1)[0] and "href" not in html
    assert "x" in html


def test_site_relative_and_absolute_links_are_kept():
    html = str(render_markdown("[a](/praktijken/) [b](https://example.org) [c](mailto:a@b.nl)"))
    assert 'href="/praktijken/"' in html
    assert 'href="https://example.org"' in html and 'href="mailto:a@b.nl"' in html
