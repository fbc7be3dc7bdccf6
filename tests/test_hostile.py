"""Hostile outside text through the real pipeline (build, then report and app) stays text.

The present tests cover a hand-made case; this one feeds the present engineer's hostile article
(tests/fixtures/hostile/) plus JSONL records with hostile titles, outlets and URLs through `sitrep build`,
so what the cleaner and the stages pass on (titles, outlets, URLs, sentences) is what gets rendered.
"""

from __future__ import annotations

import inspect
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep import cli, registry
from sitrep.present.app import create_app
from sitrep.present.report import write_report

HOSTILE_DIR = Path(__file__).parent / "fixtures" / "hostile"
RLO = "\u202e"
BODY = (
    "Officials in the northern province said on Monday that the convoy would leave the border post "
    "within a week, and the governor asked for more trucks."
)
RECORDS = [
    {
        "text": BODY + " One.",
        "title": '<script>alert("jt")</script> Convoy leaves',
        "outlet": "<b>Evil</b> Wire",
        "url": "javascript:alert(document.cookie)",
        "author": "<img src=x onerror=alert(1)>",
    },
    {
        "text": BODY + " Two.",
        "title": f"Report {RLO}txt.exe&amp;&lt;b&gt;",
        "outlet": f"Mirror {RLO}lanruoJ",
        "url": 'https://x.test/"><script>alert(2)</script>',
    },
    {
        "html": "<html><head><title>&lt;script&gt;alert(3)&lt;/script&gt;</title></head><body><p>"
        + BODY
        + ' Three.</p><p><a href="javascript:alert(4)">click</a> <iframe src="https://evil.test">'
        "</iframe></p></body></html>",
        "outlet": "Data &quot;Outlet&quot;",
    },
]
# Strings that must never reach a page unescaped.
RAW = [
    '<script>alert("jt")',
    "<script>alert(2)",
    "<script>alert(3)",
    "<b>Evil</b>",
    "<img src=x",
    '<img src=x onerror="alert',
    "<script>alert('body')",
    "<svg onload",
    "<iframe",
]


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    src = root / "in"
    src.mkdir()
    article = HOSTILE_DIR / "hostile-article.txt"
    if article.exists():
        (src / "hostile-article.txt").write_bytes(article.read_bytes())
    (src / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    (src / f"name{RLO}gpj.txt").write_text(BODY + " Four, from a file with a right-to-left override name.")
    out = root / "case"
    result = CliRunner().invoke(cli.app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def _assert_safe(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    assert not re.search(r"<[^>]+\son\w+\s*=", html), "an event handler attribute got through"


def test_report_renders_hostile_text_as_text(case: Path) -> None:
    html = write_report(case).read_text()
    _assert_safe(html)
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html  # the outlet is shown, escaped


@pytest.fixture(scope="module")
def client(case: Path) -> TestClient:
    return TestClient(create_app(case), base_url="http://127.0.0.1")


@pytest.mark.parametrize("path", ["/search", "/search?q=%3Cscript%3E", *[f"/{v}" for v in registry.names("views")]])
def test_app_pages_are_safe_and_carry_a_csp(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    _assert_safe(r.text)
    assert "<script>" not in r.text  # no inline script at all


def test_every_article_page_is_safe(client: TestClient, case: Path) -> None:
    import pyarrow.parquet as pq

    ids = pq.read_table(case / "tables" / "articles.parquet").column("article_id").to_pylist()
    assert len(ids) >= 4
    for aid in ids:
        r = client.get(f"/article/{aid}")
        assert r.status_code == 200 and "content-security-policy" in r.headers
        _assert_safe(r.text)
    assert client.get("/article/%3Cscript%3E").status_code == 404


def test_serve_binds_to_loopback_by_default() -> None:
    default = inspect.signature(cli.serve).parameters["host"].default
    assert getattr(default, "default", default) == "127.0.0.1"


BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Elements whose text cannot run into neighbouring text: <bdi> (isolated by the browser and sitrep.css),
# the document title, menu options and SVG labels/tooltips, each laid out on its own.
SELF_CONTAINED = {"bdi", "title", "option", "text"}
VOID = {"meta", "link", "input", "br", "img", "hr", "col", "source", "wbr"}


class _BidiChecker(HTMLParser):
    """Collect every text run holding a bidi control whose innermost element does not isolate it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.leaks: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data) -> None:
        if not BIDI.search(data):
            return
        tag = self.stack[-1][0] if self.stack else ""
        in_body_text = any(t == "div" and "text" in c.split() for t, c in self.stack)
        if tag not in SELF_CONTAINED and not in_body_text:
            self.leaks.append(f"<{tag}> {data[:60]!r}")


def _bidi_leaks(html: str) -> list[str]:
    checker = _BidiChecker()
    checker.feed(html)
    return checker.leaks


def test_right_to_left_overrides_are_isolated(case: Path, client: TestClient) -> None:
    html = write_report(case).read_text()
    assert RLO in html  # the hostile titles and outlets did reach the page...
    assert _bidi_leaks(html) == []  # ...each inside an isolating element
    _assert_safe(html)  # isolation did not undo escaping
    assert "<bdi>Mirror \u202elanruoJ</bdi>" in html
    css = (Path(cli.__file__).parent / "present" / "static" / "sitrep.css").read_text()
    assert re.search(r"bdi[^{]*\{[^}]*unicode-bidi:\s*isolate", css)
    for path in ["/overview", "/articles", "/claims", "/search", "/outlets", "/positions"]:
        assert _bidi_leaks(client.get(path).text) == [], path
    aid = next(a for a in client.get("/articles").text.split('href="/article/')[1:] if RLO in a)[:16]
    assert _bidi_leaks(client.get(f"/article/{aid}").text) == []


def test_the_bidi_check_can_fail() -> None:
    assert _bidi_leaks(f"<p>Outlet {RLO}abc · 2018</p>") != []
    assert _bidi_leaks(f"<p><bdi>Outlet {RLO}abc</bdi> · 2018</p>") == []
