"""Property-based tests (hypothesis): query and filter parsing, and the Markdown sanitiser.

Whatever a client or an editor sends, parsing gives a valid request or a client error, and
the sanitiser gives HTML with only allowed tags, attributes and link targets.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from search.query import (
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    MAX_TEXT_LENGTH,
    InvalidSearchRequest,
    clean_text,
    search_request_build,
)

VOCABULARY = {
    "theme": {"frontlijnsturing": "Frontlijnsturing", "gebiedsgericht-werken": "Gebiedsgericht"},
    "city": {"den-haag": "Den Haag", "utrecht": "Utrecht"},
}
raw_text = st.one_of(st.none(), st.text(max_size=260), st.sampled_from(["", " ", "\x00", "ａ"]))
raw_number = st.one_of(
    st.none(), st.integers(-10, 10**6), st.text(max_size=12), st.sampled_from(["1e3", "٣"])
)
raw_filters = st.dictionaries(
    st.sampled_from(["theme", "city", "onbekend"]),
    st.lists(st.one_of(st.sampled_from(["den-haag", "utrecht", "frontlijnsturing"]), st.text())),
    max_size=3,
)
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(text=raw_text, filters=raw_filters, sort=raw_text, page=raw_number, size=raw_number)
def test_parsing_gives_a_valid_request_or_a_client_error(text, filters, sort, page, size):
    try:
        request = search_request_build(
            text=text, filters=filters, sort=sort, page=page, page_size=size, vocabulary=VOCABULARY
        )
    except InvalidSearchRequest as error:
        assert error.field and error.message  # named parameter, Dutch message
        return
    assert len(request.text) <= MAX_TEXT_LENGTH
    assert request.text == clean_text(request.text)  # already clean: no control characters
    assert not any(ord(ch) < 32 for ch in request.text)
    for facet, values in request.filters.items():
        assert values and set(values) <= set(VOCABULARY[facet])
    assert 1 <= request.page_size <= MAX_PAGE_SIZE
    assert request.page * request.page_size <= MAX_RESULT_WINDOW


@QUICK
@given(st.text())
def test_clean_text_is_idempotent_and_encodable(text):
    once = clean_text(text)
    assert clean_text(once) == once
    once.encode("utf-8")  # no lone surrogates reach a client library


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, []):
                self.problems.append(f"attribute {tag}.{name}")
            if name == "href" and value is not None:
                target = "".join(value.split()).lower()
                if target.startswith(("//", "/\\", "\\")):
                    self.problems.append(f"protocol-relative link {value!r}")
                scheme = target.split(":", 1)[0] if ":" in target.split("/", 1)[0] else ""
                if scheme not in {"", "http", "https", "mailto"}:
                    self.problems.append(f"link scheme {scheme!r}")


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](//evil.example)",
        "[x](/&#9;/evil.example)",
        "[x](JaVaScRiPt&#58;alert(1))",
        "<a href='//evil.example'>x</a>",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        "<svg onload=alert(1)>",
        "`code` **vet** _schuin_ [ok](https://example.org) [r](/praktijken/)",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "<//evil.example>",
        "www.example.org",
        "mailto:a@b.nl",
    ]
)


@QUICK
@given(st.lists(st.one_of(HOSTILE, st.text(max_size=40)), max_size=8).map("\n".join))
def test_the_sanitiser_only_lets_allowed_markup_and_links_through(source):
    rendered = str(render_markdown(source))
    checker = _Checker()
    checker.feed(rendered)
    assert checker.problems == [], (source, rendered)
