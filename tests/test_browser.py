"""Used as a person would: headless Chromium against `sitrep serve` and against the offline report file.

Screenshots of every view go to tests/artifacts/ (ignored by git) for a human to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from fixtures.hostile.synthetic import build_case
from sitrep import registry

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # about 85 s for the module, Chromium and a demo build

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium chromium-driver)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright (never `playwright install`)")


def _serve(case_dir: Path) -> tuple[str, object]:
    import uvicorn

    from sitrep.present.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(case_dir), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


@pytest.fixture(scope="module", params=["synthetic", "demo"])
def case_dir(request, tmp_path_factory) -> Path:
    """The hand-made case, then the session's shared demo build (tests/conftest.py `demo_case`)."""
    if request.param == "demo":
        return request.getfixturevalue("demo_case")
    return build_case(tmp_path_factory.mktemp("synthetic") / "case")


@pytest.fixture(scope="module")
def served(case_dir):
    base, server = _serve(case_dir)
    yield base
    server.should_exit = True


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    pg = ctx.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type in ("error", "warning") and pg.problems.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    ctx.close()


def _shot(pg, case_dir: Path, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{case_dir.parent.name.rstrip('0123456789')}-{name}.png"))


@pytest.mark.parametrize("view", registry.names("views"))
def test_view_loads_without_errors(page, served, case_dir, view):
    page.goto(f"{served}/{view}")
    page.wait_for_load_state("networkidle")
    assert page.locator("main h2").first.is_visible()
    _shot(page, case_dir, view)
    assert page.problems == []


def test_filter_narrows_the_list(page, served):
    page.goto(f"{served}/search")
    rows = page.locator("#facts-list tbody tr")
    total = rows.count()
    if total < 2:
        pytest.skip("fewer than two facts in this case")
    word = page.locator("#facts-list tbody tr td:nth-child(4) a").first.inner_text().split()[0]
    page.fill(".tools[data-filter-for='facts-list'] input[name=q]", word + " zzzz-no-such-word")
    assert page.locator("#facts-list tbody tr:visible").count() == 0
    page.fill(".tools[data-filter-for='facts-list'] input[name=q]", word)
    shown = page.locator("#facts-list tbody tr:visible").count()
    assert 0 < shown <= total
    outlet = (
        page.locator(".tools[data-filter-for='facts-list'] select[name=outlet] option").nth(1).get_attribute("value")
    )
    page.fill(".tools[data-filter-for='facts-list'] input[name=q]", "")
    page.select_option(".tools[data-filter-for='facts-list'] select[name=outlet]", outlet)
    narrowed = page.locator("#facts-list tbody tr:visible")
    assert 0 < narrowed.count() < total
    assert all(o == outlet for o in narrowed.evaluate_all("rs => rs.map(r => r.dataset.outlet)"))
    assert (
        f"{narrowed.count()} of {total} shown"
        in page.locator(".tools[data-filter-for='facts-list'] .count").inner_text()
    )


def test_csv_export_downloads_the_visible_rows(page, served):
    page.goto(f"{served}/search")
    with page.expect_download() as dl:
        page.click("button.csv[data-for='facts-list']")
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("when,who,type")


def test_clicking_a_claim_shows_its_evidence(page, served, case_dir):
    page.goto(f"{served}/claims")
    claims = page.locator("#claims-list details")
    if claims.count() == 0:
        pytest.skip("no claims in this case (claims stage not producing rows)")
    evidence = claims.first.locator("ul.evidence li").first
    assert not evidence.is_visible()
    claims.first.locator("summary").click()
    assert evidence.is_visible()
    _shot(page, case_dir, "claim-open")
    link = claims.first.locator("ul.evidence a.fact").first
    link.click()
    page.wait_for_load_state("networkidle")
    assert "/article/" in page.url and "#a-" in page.url
    assert page.locator(".article .text .hit").count() > 0  # the sentence is highlighted
    _shot(page, case_dir, "claim-evidence-in-article")


def test_map_and_timeline_render(page, served, case_dir):
    page.goto(f"{served}/map")
    if page.locator("#map-svg").count():
        assert page.locator("#map-svg path").count() > 0
        assert page.locator("#map-svg circle").count() > 0
    else:
        assert page.locator("p.none").count() == 1
    page.goto(f"{served}/timeline")
    assert page.locator("svg.strip circle").count() > 0
    assert page.locator("#timeline-dated tbody tr").count() > 0


def test_hostile_article_shows_markup_as_text_in_app(page, served, case_dir):
    page.goto(f"{served}/articles")
    hostile = page.locator("#articles-list a", has_text="<script>")
    if "synthetic" not in str(case_dir):  # the demo corpus has no markup in its titles: none may appear
        assert hostile.count() == 0
        return
    hostile.first.click()
    page.wait_for_load_state("networkidle")
    assert "<script>" in page.locator("main h2").first.inner_text()
    assert "<img" in page.locator(".article .text").inner_text()
    assert page.locator("main img").count() == 0
    _shot(page, case_dir, "hostile-article")
    assert page.problems == []


def test_report_file_opens_offline_and_escapes(page, case_dir, tmp_path):
    from sitrep.present.report import write_report

    report = write_report(case_dir, tmp_path / "report.html")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
    assert page.locator("main img").count() == 0
    titles = page.locator(".article h2").all_inner_texts()
    assert titles
    if "synthetic" in str(case_dir):  # the hand-made case carries a hostile title; the demo corpus does not
        assert any("<script>alert(" in t for t in titles), titles
    page.goto(report.as_uri() + "#claims")
    _shot(page, case_dir, "report-claims")
    assert page.problems == []
