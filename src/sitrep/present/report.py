"""`sitrep report CASE`: one self-contained HTML file that opens with no network.

Styles, script and the map are inlined; a Content-Security-Policy meta allows exactly those inline blocks
by hash and nothing from anywhere else, so even a text that slipped past escaping could not run a script.
"""

from __future__ import annotations

import base64
import hashlib
import os
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from sitrep import registry
from sitrep.caseview import CaseView
from sitrep.present import views
from sitrep.present.article import article
from sitrep.present.render import ENV, article_fragment, report_link


def static_text(name: str) -> str:
    return (resources.files("sitrep.present") / "static" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_report(case_dir: Path) -> str:
    db = CaseView.open(case_dir)
    css, js = static_text("sitrep.css"), static_text("sitrep.js")
    pages = registry.views()
    sections = [(name, view.label, Markup(view.render(db, report_link))) for name, view in pages]
    arts = [article(db, a["article_id"]) for a in views.articles_index(db)]
    csp = (
        f"default-src 'none'; script-src {_sha256(js)}; style-src {_sha256(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return ENV.get_template("report.html").render(
        title=Path(case_dir).resolve().name,
        nav=[(name, view.label) for name, view in pages],
        sections=sections,
        csp=csp,
        article_html=[article_fragment(a, report_link) for a in arts if a],
        n_articles=len(arts),
        css=Markup(css),
        js=Markup(js),
    )


def write_report(case_dir: Path, out: Path | None = None) -> Path:
    """Write the report (default CASE/report.html) through a temp file, so a reader never sees half of it."""
    out = Path(out) if out else Path(case_dir) / "report.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    html = render_report(Path(case_dir))
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, out)
    except BaseException:  # a full disk or Ctrl-C leaves the old report, never a stray temp file
        tmp.unlink(missing_ok=True)
        raise
    return out
