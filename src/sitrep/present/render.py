"""Render each view to an HTML fragment, the same fragment for the offline report and the web app.

Only `link` differs: the report links to article sections in the same file, the app to article pages.
Jinja autoescaping is on for everything, so text from articles (titles, bodies, quotes) is shown as text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from sitrep.caseview import CaseView
from sitrep.present import basemap, network, positions, views
from sitrep.present.article import anchor_id
from sitrep.registry import View

ENV = Environment(
    loader=PackageLoader("sitrep.present", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)
ENV.filters["pct"] = lambda v: "" if v is None else f"{100 * v:.0f}%"
ENV.globals["pct"] = ENV.filters["pct"]


def bdi(value: Any) -> Markup:
    """Escape outside text and isolate it in <bdi>, so a right-to-left override in a title or outlet
    reorders only itself, never the labels and links printed after it on the same line."""
    if value is None or value == "":
        return Markup("")
    return Markup("<bdi>") + escape(value) + Markup("</bdi>")


ENV.filters["bdi"] = bdi

Linker = Callable[[str, "int | None"], str]


def report_link(article_id: str, start: int | None) -> str:
    return "#" + (anchor_id(article_id, start) if start is not None else f"art-{article_id}")


def app_link(article_id: str, start: int | None) -> str:
    base = f"/article/{article_id}"
    return base + ("#" + anchor_id(article_id, start) if start is not None else "")


def template_view(label: str, partial: str, context: Callable[[CaseView, dict[str, Any]], dict[str, Any]]) -> View:
    """A view drawn by one of the package's templates from what `context(case, ctx)` adds to `ctx`."""

    def render(case: CaseView, link: Linker, **extra: Any) -> Markup:
        ctx: dict[str, Any] = {"link": link, "labels": positions.POSITION_LABELS, **extra}
        ctx.update(context(case, ctx))
        return Markup(ENV.get_template(partial).render(ctx))

    return View(label, render)


def _timeline(db: CaseView, _: dict[str, Any]) -> dict[str, Any]:
    timeline = views.timeline(db)
    return {"timeline": timeline, "strip": time_strip(timeline["dated"]), "facets": views.facets(db)}


def _map(db: CaseView, _: dict[str, Any]) -> dict[str, Any]:
    places = views.map_places(db)
    drawn, markers = map_svg(places)
    return {"places": places, "map": drawn, "markers": markers}


def _network(db: CaseView, _: dict[str, Any]) -> dict[str, Any]:
    return {"net": network.layout(network.graph(db)), "colors": network.COLORS, "names": views.names(db)}


def _search(db: CaseView, ctx: dict[str, Any]) -> dict[str, Any]:
    """Every fact, unless the app already searched (then `items` holds the hits)."""
    return {"facets": views.facets(db), "items": ctx["items"] if "items" in ctx else views.facts(db)}


# The built-in views, registered by these names in `sitrep.registry` (whose order is the menu's).
OVERVIEW = template_view("Overview", "_overview.html", lambda db, _: {"o": views.overview(db)})
POSITIONS = template_view("Positions", "_positions.html", lambda db, _: {"positions": positions.positions(db)})
TIMELINE = template_view("Timeline", "_timeline.html", _timeline)
MAP = template_view("Map", "_map.html", _map)
NETWORK = template_view("Network", "_network.html", _network)
CLAIMS = template_view(
    "Claims", "_claims.html", lambda db, _: {"claims": views.claims(db), "contradictions": views.contradictions(db)}
)
OUTLETS = template_view("Outlets", "_outlets.html", lambda db, _: {"outlets": views.outlets(db)})
SEARCH = template_view("Search", "_facts.html", _search)
ARTICLES = template_view("Articles", "_articles.html", lambda db, _: {"articles": views.articles_index(db)})
INPUTS = template_view("Ingestion", "_inputs.html", lambda db, _: {"inputs": views.inputs(db)})


def article_fragment(art: dict[str, Any], link: Linker) -> Markup:
    return Markup(ENV.get_template("_article.html").render(art=art, link=link))


def map_svg(places: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Basemap framed on the places, and one marker per place sized by its events."""
    if not places:
        return {}, []
    drawn = basemap.draw([(p["lon"], p["lat"]) for p in places])
    project = drawn.pop("project")
    markers = []
    for p in places:
        x, y = project(p["lon"], p["lat"])
        n = len(p["events"])
        title = f"{p['name']}: {n} event(s), {p['mention_count'] or 0} mention(s)"
        markers.append(
            {
                "x": x,
                "y": y,
                "r": round(4 + 2.5 * n**0.5, 1),
                "n_events": n,
                "name": p["name"],
                "title": title,
            }
        )
    markers.sort(key=lambda m: (m["n_events"], m["name"]))
    return drawn, markers


STRIP_WIDTH = 900


def time_strip(dated: list[dict[str, Any]]) -> dict[str, Any]:
    """A one-line chart of dated items: position by date, stacked when several share a day."""
    days = sorted({_day(f["date"]) for f in dated})
    if not days:
        return {"width": STRIP_WIDTH, "ticks": [], "dots": []}
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)

    def x(d: date) -> float:
        return round(20 + (STRIP_WIDTH - 40) * (d - first).days / span, 1)

    stack: dict[date, int] = {}
    dots = []
    for f in dated:
        d = _day(f["date"])
        k = stack[d] = stack.get(d, 0) + 1
        dots.append(
            {
                "x": x(d),
                "y": max(40 - 6 * k, 4),
                "color": "#c0392b" if f["kind"] == "event" else "#2471a3",
                "title": f"{f['when']} {f['actor_name']}: {f['text'][:120]}",
            }
        )
    months = sorted({(d.year, d.month) for d in days})
    step = max(1, len(months) // 8)
    ticks = [
        {"x": x(date(y, m, 1) if date(y, m, 1) >= first else first), "label": f"{y}-{m:02d}"} for y, m in months[::step]
    ]
    return {"width": STRIP_WIDTH, "ticks": ticks, "dots": dots}


def _day(iso: str) -> date:
    return date.fromisoformat(iso[:10])
