"""The web app: every view answers, security headers are set, search narrows, hostile text stays text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from fixtures.hostile.synthetic import build_case
from sitrep import registry
from sitrep.present.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return TestClient(create_app(build_case(tmp_path_factory.mktemp("case"))), base_url="http://127.0.0.1")


@pytest.mark.parametrize("view", registry.names("views"))
def test_every_view_renders_with_security_headers(client, view):
    r = client.get(f"/{view}")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    body = r.text
    assert "<script>" not in body and "<img" not in body  # no inline script at all; data escaped


def test_article_page_escapes_and_anchors(client):
    r = client.get("/article/" + "a" * 16)
    assert r.status_code == 200
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in r.text
    assert "&lt;img src=x onerror=" in r.text
    assert f'id="a-{"a" * 16}-' in r.text
    assert client.get("/article/nope").status_code == 404


def test_search_narrows(client):
    everything = client.get("/search").text.count("<tr data-actor")
    offered = client.get("/search", params={"q": "offered"}).text.count("<tr data-actor")
    by_outlet = client.get("/search", params={"outlet": "Plain Wire"}).text.count("<tr data-actor")
    assert 0 < offered < everything and 0 < by_outlet < everything


def test_static_and_unknown(client):
    assert client.get("/static/sitrep.js").status_code == 200
    assert client.get("/nowhere").status_code == 404
    assert client.get("/", follow_redirects=False).status_code in (302, 307)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "attacker.test:8765", "", "[::2]:8765"])
def test_requests_naming_another_host_are_refused(client: TestClient, host: str) -> None:
    """DNS rebinding: a page whose name now points at 127.0.0.1 sends its own name as Host."""
    response = client.get("/overview", headers={"host": host})
    assert response.status_code == 400
    assert "Invalid host" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost", "LOCALHOST:8765", "[::1]:8765"])
def test_loopback_host_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/overview", headers={"host": host}).status_code == 200


def test_configured_host_is_served_and_others_are_not(tmp_path) -> None:
    case = build_case(tmp_path / "case")
    app = TestClient(create_app(case, ["analysts.internal"]), base_url="http://analysts.internal")
    assert app.get("/overview").status_code == 200
    assert app.get("/overview", headers={"host": "127.0.0.1"}).status_code == 400
