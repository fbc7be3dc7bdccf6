"""Actor resolution on sentences written for the tests (states, bodies, people, groups, coreference)."""

from __future__ import annotations

import pytest

from sitrep.language.actor_lexicon import ALIASES, slug, surname_key
from sitrep.language.actors import find_actors
from sitrep.language.nlp import load


@pytest.fixture(scope="module")
def actors_of():
    nlp = load()

    def run(text: str) -> list[dict]:
        return find_actors(text, nlp(text))

    return run


def by_text(rows: list[dict]) -> dict[str, dict]:
    return {r["text"]: r for r in rows}


def test_state_names_short_names_and_demonyms(actors_of):
    text = "The United States and the U.S. Navy met Chinese diplomats, and Canadians watched."
    rows = by_text(actors_of(text))
    assert rows["United States"]["norm_id"] == "USA"
    assert rows["U.S. Navy"]["norm_id"] == "USA" and rows["U.S. Navy"]["sector"] == "military"
    assert rows["Chinese diplomats"]["norm_id"] == "CHN"
    assert rows["Canadians"]["norm_id"] == "CAN"


def test_lower_case_words_are_not_acronym_actors(actors_of):
    rows = actors_of("Let us say it is what it is, and un-done it stays.")
    assert not [r for r in rows if r["subkind"] != "person"]


def test_government_bodies_carry_sector(actors_of):
    text = "The Brazilian Foreign Ministry denied it, while the Peruvian army stayed home."
    rows = by_text(actors_of(text))
    assert rows["Brazilian Foreign Ministry"]["norm_id"] == "BRA"
    assert rows["Brazilian Foreign Ministry"]["sector"] == "diplomatic"
    assert rows["Peruvian army"]["norm_id"] == "PER" and rows["Peruvian army"]["sector"] == "military"


def test_capital_as_speaker_is_state_and_as_location_is_not(actors_of):
    rows = actors_of("Nairobi said the talks failed. Delegates arrived in Nairobi on foot.")
    capital = [r for r in rows if r["text"] == "Nairobi"]
    assert len(capital) == 1 and capital[0]["norm_id"] == "KEN" and capital[0]["start"] == 0


def test_seats_of_government_are_metonyms(actors_of):
    rows = by_text(actors_of("The Kremlin rejected the plan and Downing Street kept silent."))
    assert rows["Kremlin"]["norm_id"] == "RUS"
    assert rows["Downing Street"]["norm_id"] == "GBR"


def test_group_aliases_are_one_actor(actors_of):
    rows = actors_of("ISIS, also called ISIL or Daesh, lost ground; the Islamic State regrouped.")
    ids = {r["norm_id"] for r in rows if r["subkind"] == "group"}
    assert ids == {"group:isis"}
    assert len([r for r in rows if r["subkind"] == "group"]) == 4


def test_igo_resolves(actors_of):
    rows = by_text(actors_of("NATO and the United Nations disagreed."))
    assert rows["NATO"]["norm_id"] == "igo:nato" and rows["United Nations"]["subkind"] == "igo"


def test_titled_person_gets_country_and_sector_and_bare_surname_follows(actors_of):
    text = (
        "Kenyan Defence Minister Wanjiru Otieno visited the base. Later, Otieno told reporters the troops would stay."
    )
    people = [r for r in actors_of(text) if r["subkind"] == "person"]
    assert {r["norm_id"] for r in people} == {"person:wanjiru-otieno"}
    assert all(r["actor"] == "KEN" and r["sector"] == "military" for r in people)


def test_possessor_beats_other_actor_in_title(actors_of):
    text = "Macron's UN envoy Pierre Dufresne said the vote was lost."
    rows = by_text(actors_of(text))
    assert rows["Pierre Dufresne"]["actor"] == "FRA"
    assert rows["Pierre Dufresne"]["sector"] == "diplomatic"


def test_appositive_gives_affiliation(actors_of):
    rows = by_text(actors_of("Tomas Novak, the Czech foreign minister, said he would resign."))
    assert rows["Tomas Novak"]["actor"] == "CZE"
    assert rows["he"]["norm_id"] == "person:tomas-novak" and rows["he"]["method"] == "coref"


def test_definite_title_resolves_to_last_compatible_person(actors_of):
    text = "Chilean Interior Minister Rosa Pinto met Mario Vidal. The minister said the border stays open."
    rows = by_text(actors_of(text))
    assert rows["The minister"]["norm_id"] == "person:rosa-pinto"


def test_listed_leader_resolves_without_title(actors_of):
    rows = by_text(actors_of("Merkel spoke with Erdogan by phone."))
    assert rows["Merkel"]["norm_id"] == "person:angela-merkel" and rows["Merkel"]["actor"] == "DEU"
    assert rows["Erdogan"]["actor"] == "TUR"


def test_anonymous_official_is_not_a_person_but_its_country_is_a_state(actors_of):
    rows = actors_of("A senior Egyptian official said the crossing would reopen.")
    assert [r["norm_id"] for r in rows] == ["EGY"]


def test_offsets_point_into_text(actors_of):
    text = "Iranian Foreign Minister Reza Karimi met Indian officials in Delhi."
    for r in actors_of(text):
        assert text[r["start"] : r["end"]] == r["text"]


def test_slug_and_surname_key():
    assert slug("François Hollande") == "francois-hollande"
    assert surname_key("Nouri al-Maliki") == "maliki"
    assert ALIASES["Iranian"].actor_id == "IRN"


def test_pronoun_with_two_people_in_reach_stays_unresolved(actors_of):
    rows = actors_of("Maria Lopez met Juan Perez in Lima. She said the talks went well.")
    assert not [r for r in rows if r["method"] == "coref"]
