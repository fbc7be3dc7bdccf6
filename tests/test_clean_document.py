"""Dispatch, metadata precedence, language and ids of cleaned documents."""

from __future__ import annotations

from sitrep.clean.document import clean_document
from sitrep.clean.langid import guess_language
from sitrep.clean.visible import visible_text
from sitrep.ids import text_id
from sitrep.ingest import RawDoc

PROSE = (
    "The ministry said on Monday that the talks on the ceasefire would resume in the capital next week, "
    "after two rounds ended without agreement on the withdrawal of the armed groups from the border towns. "
)
PAGE = f"""<html><head><title>Talks resume</title><meta property="og:site_name" content="Daily Planet">
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2019-03-03"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume</h1><p>{PROSE * 2}</p><p>{PROSE * 2}</p></article>
<div class="comments" id="comments"><h3>Comments</h3><p>This is nonsense, says a reader.</p></div>
<footer>Copyright 2019 Daily Planet. All rights reserved.</footer></body></html>"""


def _raw(content: str, fmt: str, **meta: str) -> RawDoc:
    return RawDoc(source="x", kind="file", format=fmt, content=content, sha256="0", bytes=len(content), meta=meta)


def test_article_id_ignores_case_and_whitespace():
    assert text_id("Hello  World\n") == text_id("hello world")
    assert len(text_id("x")) == 16 and text_id("a") != text_id("b")


def test_html_body_comments_apart_and_metadata():
    cleaned = clean_document(_raw(PAGE, "html", url="https://www.planet.example/a"))
    assert cleaned.format == "html"
    assert "talks on the ceasefire" in cleaned.text
    assert "Home" not in cleaned.text and "nonsense" not in cleaned.text and "All rights" not in cleaned.text
    assert (cleaned.author, cleaned.published, cleaned.language) == ("Jane Doe", "2019-03-03", "en")
    for block in cleaned.blocks:
        if block.kind == "body":
            assert cleaned.text[block.start : block.end] == block.text


def test_meta_wins_and_url_host_is_the_fallback_outlet():
    text = f"Talks resume\n\n{PROSE}\n\n{PROSE}"
    cleaned = clean_document(_raw(text, "text", url="https://www.planet.example/a", published="2019-03"))
    assert cleaned.outlet == "planet.example"
    assert (cleaned.published, cleaned.published_precision) == ("2019-03-01", "month")
    cleaned = clean_document(_raw(text, "text", outlet="Daily Planet", title="Talks to resume", author="J. Doe"))
    assert (cleaned.outlet, cleaned.title, cleaned.author) == ("Daily Planet", "Talks to resume", "J. Doe")


def test_empty_body():
    assert clean_document(_raw("<html><body></body></html>", "html")).text == ""
    assert clean_document(_raw("", "text")).text == ""


def test_language_guess():
    assert guess_language(PROSE) == "en"
    assert (
        guess_language("Le ministre a dit que les pourparlers sur le cessez-le-feu reprendront dans la capitale.")
        == "fr"
    )
    assert guess_language("Syria Iran Russia") is None


def test_visible_text_keeps_everything_visible():
    text = visible_text(PAGE)
    assert "Home" in text and "nonsense" in text and "All rights reserved" in text
    assert "og:site_name" not in text
