"""`sitrep serve CASE`: the same views as the report, as a local web app with server-side search.

Each request opens its own DuckDB connection on the case's Parquet files (connections are not shared
across threads), so a rebuild of the case shows on the next page load. Every response carries a strict
Content-Security-Policy: scripts and styles only from this server, no inline code, nothing from outside.
Every request must also name an allowed `Host` (by default the loopback names): a web page whose domain is
re-pointed at 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the app and could read the case.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup

from sitrep import registry
from sitrep.caseview import CaseView
from sitrep.present import views
from sitrep.present.article import article
from sitrep.present.render import ENV, app_link, article_fragment

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


#: Host names a loopback-bound app answers to when no others are configured.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def host_name(header: str) -> str | None:
    """The host of a `Host` header without its port, IPv6 brackets removed; None when it does not parse.

    Starlette's TrustedHostMiddleware splits on the first colon, which breaks `[::1]:8765`.
    """
    try:
        return urlsplit(f"//{header}").hostname
    except ValueError:
        return None


def create_app(case_dir: Path, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> FastAPI:
    case_dir = Path(case_dir)
    allowed = {h.strip("[]").lower() for h in allowed_hosts}
    app = FastAPI(title="sitrep", docs_url=None, redoc_url=None, openapi_url=None)
    pages = dict(registry.views())
    nav = [(name, view.label) for name, view in pages.items()]
    app.mount("/static", StaticFiles(directory=str(resources.files("sitrep.present") / "static")), name="static")

    @app.middleware("http")
    async def trusted_host(request: Request, call_next):
        if "*" not in allowed and host_name(request.headers.get("host", "")) not in allowed:
            return Response("Invalid host header", status_code=400, media_type="text/plain")
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(current: str, heading: str, body: Markup) -> HTMLResponse:
        html = ENV.get_template("page.html").render(
            title=case_dir.resolve().name, nav=nav, current=current, heading=heading, body=body
        )
        return HTMLResponse(html)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/overview")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/search", response_class=HTMLResponse)
    def search(
        q: str = "", actor: str = "", outlet: str = "", type: str = "", date_from: str = "", date_to: str = ""
    ) -> HTMLResponse:
        db = CaseView.open(case_dir)
        query = {
            "q": q,
            "actor": actor,
            "outlet": outlet,
            "type": type,
            "date_from": date_from,
            "date_to": date_to,
        }
        items = views.search(db, **query)
        body = pages["search"].render(db, app_link, items=items, query=query, server_search=True)
        return page("search", "Search", Markup(body))

    @app.get("/article/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        art = article(CaseView.open(case_dir), article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r} in this case")
        return page("articles", art["title"] or article_id, article_fragment(art, app_link))

    @app.get("/{view}", response_class=HTMLResponse)
    def view_page(view: str) -> HTMLResponse:
        if view not in pages:
            raise HTTPException(404, f"no view {view!r}; views: {', '.join(pages)}")
        return page(view, pages[view].label, Markup(pages[view].render(CaseView.open(case_dir), app_link)))

    return app
