"""Place matching: spelling variants meet, context picks among namesakes, common words stay words."""

from __future__ import annotations

import re

import pytest

from sitrep.language.gazetteer import haversine_km, name_key, skeleton, strip_articles
from sitrep.language.nlp import load as load_nlp
from sitrep.language.places import find_places

SYRIA_BOX = (32.3, 37.4, 35.6, 42.5)  # lat min, lat max, lon min, lon max


def places(text: str, countries: list[str]) -> list[dict]:
    return find_places(text, load_nlp()(text), countries)


def by_text(mentions: list[dict]) -> dict[str, dict]:
    return {m["text"]: m for m in mentions}


def test_keys_forgive_hyphens_diacritics_articles_and_doubled_letters():
    assert name_key("Ras al-Khaimah") == name_key("Ras Al Khaimah") == "ras al khaimah"
    assert name_key("Dayr ‘Aţīyah") == "dayr atiyah"
    assert strip_articles(name_key("al-Sulaymaniyah")) == strip_articles(name_key("As Sulaymaniyah")) == "sulaymaniyah"
    assert strip_articles("sulaymaniyah") == "sulaymaniyah"  # a one-word name keeps itself
    assert skeleton(name_key("Ras al-Khaimah")) == skeleton(name_key("Ra's al Khaymah")) == skeleton("ras al khaimah")
    assert skeleton("al mukala") == skeleton("mukalla")
    assert skeleton("herat") != skeleton("harare")


def test_haversine_is_great_circle_km():
    assert haversine_km(0, 0, 0, 0) == 0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, rel=0.01)


def test_spelling_variants_resolve_to_one_place():
    text = (
        "Convoys left Ras al-Khaimah, drove to Ras al Khaimah and Ra's al Khaymah, then crossed the Nile River "
        "near Ras Al Khaimah."
    )
    found = by_text(places(text, ["ARE"]))
    ids = {found[v]["norm_id"] for v in ("Ras al-Khaimah", "Ras al Khaimah", "Ra's al Khaymah", "Ras Al Khaimah")}
    assert len(ids) == 1
    assert found["Ras al-Khaimah"]["country"] == "ARE" and found["Ras al-Khaimah"]["geonames_id"]
    assert found["Nile River"]["subkind"] == "feature"


def test_arabic_article_variants_of_a_base_resolve_together():
    text = (
        "Guards at as-Sulaymaniyah stayed. Al Sulaymaniyah is near the border, and patrols around "
        "As Sulaymaniyah went on."
    )
    found = places(text, ["IRQ"])
    assert {m["text"] for m in found} >= {"as-Sulaymaniyah", "Al Sulaymaniyah", "As Sulaymaniyah"}
    assert len({m["norm_id"] for m in found if "Sulaymaniyah" in m["text"]}) == 1


def test_offsets_point_at_the_mention():
    text = "Talks were held in Geneva and later in Astana, Kazakhstan."
    for m in places(text, []):
        assert text[m["start"] : m["end"]] == m["text"]
        assert m["kind"] == "place" and 0 < m["confidence"] <= 1


def test_ambiguous_name_follows_the_article_countries():
    text = "Officials in Tripoli said the meeting went well."
    assert places(text, ["LBY"])[0]["country"] == "LBY"
    assert places(text, ["LBN"])[0]["country"] == "LBN"


def test_qualifier_after_comma_narrows_the_place():
    found = places("She grew up in Paris, Texas, and studied in Paris.", [])
    first, second = (m for m in found if m["text"] == "Paris")
    assert first["country"] == "USA" and second["country"] == "FRA"


def test_common_words_and_demonyms_are_not_places():
    text = (
        "Reading the report, he said the Syrian army would Split forces. Mobile phones were seized. "
        "Best of all, Police said it was a Nice gesture."
    )
    assert places(text, ["SYR"]) == []


def test_common_word_counts_after_a_locative_preposition():
    found = by_text(places("The summit was held in Nice last year.", []))
    assert found["Nice"]["country"] == "FRA"


def test_month_and_weekday_names_are_dates_not_places():
    text = (
        "The siege began in March 2010 and ended in May. Talks resumed on Sunday in Geneva, "
        "and again in June, on Jan. 5 and on a Thursday."
    )
    assert [m["text"] for m in places(text, [])] == ["Geneva"]


def test_a_calendar_word_is_a_place_where_the_text_clearly_makes_it_one():
    found = by_text(places("The flood reached the town of March in England.", []))
    assert found["March"]["country"] == "GBR"


def test_a_sentence_initial_common_word_is_not_a_place_even_inside_a_place_tag():
    text = "The area was calm. The United States sent the envoy back to the city."
    assert [m["text"] for m in places(text, [])] == ["United States"]


def test_names_inside_organisations_are_not_places():
    text = "Students at Tripoli University protested."
    assert all(m["text"] != "Tripoli" for m in places(text, ["LBY"]))


def test_seed_places_resolve_inside_syria(seeds_dir):
    wanted = re.compile(r"(?i)^(?:a[lt][- ])?tana?f$|^deir|^dayr|^damascus$|^euphrates|^idlib$")
    seen = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in places(text, ["SYR"]):
            if wanted.search(m["text"]):
                lat_min, lat_max, lon_min, lon_max = SYRIA_BOX
                assert lat_min <= m["lat"] <= lat_max and lon_min <= m["lon"] <= lon_max, m
                seen.add(m["name"])
    assert len(seen) >= 5, seen


def test_places_table_aggregates_mentions_per_place():
    import duckdb

    from sitrep.language.places_table import places as places_stage
    from sitrep.schema import coerce_rows
    from sitrep.stages import CaseView

    text = "Talks in Geneva, then Geneva again, and a stop in Oslo."
    rows = [dict(m, article_id=a, mention_id=f"{a}{m['start']}") for a in ("a1", "a2") for m in places(text, [])]
    con = duckdb.connect()
    con.register("mentions", coerce_rows("mentions", rows))
    out = places_stage(CaseView(con, {"mentions"}))["places"]
    geneva = next(r for r in out if r["name"] == "Geneva")
    assert geneva["mention_count"] == 4 and geneva["article_count"] == 2 and geneva["aliases"] == ["Geneva"]
    assert [r["place_id"] for r in out] == sorted(r["place_id"] for r in out)
    coerce_rows("places", out)
