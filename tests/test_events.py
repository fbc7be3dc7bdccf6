"""Events: PLOVER type, actors, modality, frames with content, conditions; seeds positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract_helpers import by_id, mention, run
from sitrep.extract.stage import extract


def _states_and_base(text: str) -> list[dict]:
    ms = []
    for surface, norm in (("Russia", "RUS"), ("US", "USA"), ("Iran", "IRN"), ("Syria", "SYR")):
        if surface in text:
            ms.append(mention(text, surface, norm))
    if "Bagram" in text:
        ms.append(mention(text, "Bagram", "feature:bagram", "feature", kind="place"))
    return ms


def test_hopes_is_a_request_whose_content_is_a_retreat():
    text = "Russia hopes the US troops will withdraw from Bagram."
    events = run(text, _states_and_base(text))["events"]
    req = next(e for e in events if e["type"] == "REQUEST")
    assert (req["source_actor"], req["modality"], req["target_actor"]) == ("RUS", "hopes", "USA")
    content = by_id(events)[req["content_event_id"]]
    assert (content["type"], content["source_actor"], content["location"]) == ("RETREAT", "USA", "feature:bagram")
    assert req["statement_id"] and req["sentence"] == text
    assert text[req["anchor_start"] : req["anchor_end"]] == req["anchor"]


def test_conditional_offer_links_its_condition_event():
    text = "The US will leave Bagram if Iran leaves Syria."
    events = run(text, _states_and_base(text))["events"]
    offer = next(e for e in events if e["source_actor"] == "USA")
    assert (offer["type"], offer["modality"]) == ("RETREAT", "intends-or-offers")
    assert offer["condition"] == "if Iran leaves Syria"
    cond = by_id(events)[offer["condition_event_id"]]
    assert (cond["type"], cond["source_actor"], cond["location"]) == ("RETREAT", "IRN", "country:SYR")


def test_will_not_agree_is_a_rejection_by_the_refuser():
    text = "Iran will not agree to remove its forces."
    events = run(text, _states_and_base(text))["events"]
    rej = next(e for e in events if e["type"] == "REJECT")
    assert (rej["source_actor"], rej["modality"], rej["negated"]) == ("IRN", "refuses", False)
    assert by_id(events)[rej["content_event_id"]]["type"] == "RETREAT"


def test_nominal_condition_in_return_for():
    text = "Chad offered to pull its troops out of Mali in return for a French withdrawal from Niger."
    ms = [
        mention(text, "Chad", "TCD"),
        mention(text, "Mali", "MLI"),
        mention(text, "French", "FRA"),
        mention(text, "Niger", "NER"),
    ]
    events = run(text, ms)["events"]
    offer = next(e for e in events if e["source_actor"] == "TCD")
    assert (offer["type"], offer["modality"], offer["location"]) == ("RETREAT", "intends-or-offers", "country:MLI")
    cond = by_id(events)[offer["condition_event_id"]]
    assert (cond["type"], cond["source_actor"]) == ("RETREAT", "FRA")


def test_threat_carries_the_threatened_act():
    text = "Venezuela threatened to expel the Colombian diplomats."
    events = run(text, [mention(text, "Venezuela", "VEN"), mention(text, "Colombian", "COL")])["events"]
    threat = next(e for e in events if e["type"] == "THREATEN")
    assert (threat["source_actor"], threat["modality"], threat["target_actor"]) == ("VEN", "threatens", "COL")
    assert by_id(events)[threat["content_event_id"]]["type"] == "COERCE"


def test_denial_and_modal_demand_said_by_a_speaker():
    text = 'Ghana denied the raid. "Togo must release the fishermen," the Ghanaian minister said.'
    ms = [mention(text, "Ghana", "GHA"), mention(text, "Togo", "TGO"), mention(text, "Ghanaian", "GHA")]
    events = run(text, ms)["events"]
    assert any(e["type"] == "DENY" and e["source_actor"] == "GHA" for e in events)
    req = next(e for e in events if e["type"] == "REQUEST")
    assert (req["source_actor"], req["target_actor"]) == ("GHA", "TGO")
    assert by_id(events)[req["content_event_id"]]["modality"] == "demands"


def test_meeting_has_both_sides_and_place():
    text = "Japanese envoys met Korean officials in Seoul on Monday."
    ms = [
        mention(text, "Japanese", "JPN"),
        mention(text, "Korean", "KOR"),
        mention(text, "Seoul", "geonames:1835848", "city", kind="place"),
    ]
    e = next(e for e in run(text, ms)["events"] if e["type"] == "CONSULT")
    assert (e["source_actor"], e["target_actor"], e["location"]) == ("JPN", "KOR", "geonames:1835848")


def test_opinion_text_with_no_actor_yields_no_event():
    text = "Honestly everyone should just leave and stop fighting, it is obvious. Lol, nobody will win."
    assert run(text, [])["events"] == []


def _seed_rows(seeds_dir: Path) -> list[tuple[str, dict]]:
    from sitrep.clean.text import clean_text
    from sitrep.extract.stage import extract
    from sitrep.language.nlp import load
    from sitrep.language.stage import language
    from sitrep.stages import ArticleContext

    rows = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text  # as the pipeline sees it: no comments
        article = {"article_id": path.stem, "outlet": path.stem, "text": text}
        doc = load()(text)
        mentions = language(ArticleContext(article, doc))["mentions"]
        out = extract(doc, article, mentions)
        rows += [(path.stem, e) for e in out["events"]]
    return rows


@pytest.mark.slow
def test_seed_positions_come_out(seeds_dir):
    rows = _seed_rows(seeds_dir)
    events = {e["event_id"]: e for _, e in rows}

    def has(pred) -> bool:
        return any(pred(e) and e["sentence"] and e["anchor"] for e in events.values())

    def content(e):
        return events.get(e["content_event_id"] or "", {})

    def cond(e):
        return events.get(e["condition_event_id"] or "", {})

    # the US offer to withdraw, with an Iranian withdrawal as its condition
    assert has(
        lambda e: (
            e["type"] == "RETREAT"
            and e["source_actor"] == "USA"
            and e["modality"] == "intends-or-offers"
            and cond(e).get("source_actor") == "IRN"
        )
    )
    # Syria demands that US forces leave
    assert has(
        lambda e: (
            e["type"] == "REQUEST"
            and e["source_actor"] == "SYR"
            and content(e).get("type") == "RETREAT"
            and content(e).get("source_actor") == "USA"
        )
    )
    # Syria threatens to expel US forces, and denies Iranian troops
    assert has(lambda e: e["type"] == "THREATEN" and e["source_actor"] == "SYR")
    assert has(lambda e: e["type"] == "DENY" and e["source_actor"] == "SYR")
    # Russia calls for the US / all foreign forces to leave
    assert has(lambda e: e["type"] == "REQUEST" and e["source_actor"] == "RUS" and content(e).get("type") == "RETREAT")
    # Iran refuses to leave
    assert has(lambda e: e["type"] == "REJECT" and e["source_actor"] == "IRN")
    # the US-Syria meeting
    assert has(lambda e: e["type"] == "CONSULT" and {e["source_actor"], e["target_actor"]} == {"USA", "SYR"})


def test_demand_by_a_pronoun_speaker_is_made_by_whom_the_statement_resolves():
    text = "Ortega told reporters the talks had failed. It called for all foreign troops to withdraw from Beland."
    rows = run(text, [mention(text, "Ortega", "person:ortega", "person", actor="NIC"), mention(text, "Beland", "BLD")])[
        "events"
    ]
    req = next(e for e in rows if e["type"] == "REQUEST")
    assert req["source_actor"] == "NIC" and req["source_text"] == "It"
    content = next(e for e in rows if e["event_id"] == req["content_event_id"])
    assert content["type"] == "RETREAT" and content["modality"] == "demands"


def _two(text: str, a: tuple[str, str], b: tuple[str, str]) -> list[dict]:
    return run(text, [mention(text, *a), mention(text, *b)])["events"]


def test_support_verb_carries_the_event_of_its_noun():
    events = _two("Chilean envoys held talks with Peruvian officials.", ("Chilean", "CHL"), ("Peruvian", "PER"))
    e = next(e for e in events if e["type"] == "CONSULT")
    assert (e["source_actor"], e["target_actor"], e["modality"]) == ("CHL", "PER", "happened")
    # a verb with a meaning of its own (`impose` = COERCE) yields to the noun it carries
    events = _two("Canada imposed sanctions on Peru.", ("Canada", "CAN"), ("Peru", "PER"))
    assert [(e["type"], e["source_actor"], e["target_actor"]) for e in events] == [("SANCTION", "CAN", "PER")]


def test_modifier_picks_the_sense_of_a_noun():
    events = run("Chilean students began a hunger strike on Monday.", [])["events"]
    assert [(e["type"], e["source_text"]) for e in events] == [("PROTEST", "Chilean students")]


def test_failing_to_agree_is_a_rejection():
    events = _two("Chad and Niger failed to reach an agreement.", ("Chad", "TCD"), ("Niger", "NER"))
    assert any(e["type"] == "REJECT" and e["source_actor"] == "TCD" for e in events)
    assert not any(e["type"] == "AGREE" for e in events)


def test_demand_stands_when_its_clause_has_no_event_word():
    events = _two("Canada demanded that Peru rewrite the contract.", ("Canada", "CAN"), ("Peru", "PER"))
    req = next(e for e in events if e["type"] == "REQUEST")
    assert (req["source_actor"], req["target_actor"], req["content_event_id"]) == ("CAN", "PER", None)


def test_agreeing_to_act_is_an_offer_of_the_act():
    events = _two("Norway agreed to provide aid to Chad.", ("Norway", "NOR"), ("Chad", "TCD"))
    e = next(e for e in events if e["type"] == "AID")
    assert (e["source_actor"], e["target_actor"], e["modality"]) == ("NOR", "TCD", "intends-or-offers")


def test_unnamed_groups_are_actors_by_their_words():
    text = "Police arrested dozens of protesters in the capital."
    e = next(e for e in run(text, [])["events"] if e["type"] == "COERCE")
    assert (e["source_text"], e["target_text"], e["target_actor"]) == ("Police", "protesters", None)
    text = "Two Peruvian soldiers were killed near the border."
    e = next(e for e in run(text, [mention(text, "Peruvian", "PER")])["events"] if e["type"] == "ASSAULT")
    assert (e["source_actor"], e["target_actor"]) == (None, "PER")


def test_pronoun_source_is_written_as_the_actor_it_stands_for():
    text = "Peru said it had halted aid to Chile."
    events = _two(text, ("Peru", "PER"), ("Chile", "CHL"))
    e = next(e for e in events if e["type"] == "SANCTION")
    assert (e["source_actor"], e["source_text"], e["target_actor"]) == ("PER", "Peru", "CHL")


def test_plural_nouns_are_not_cut_into_other_words():
    from sitrep.extract.lexicon import event_word
    from sitrep.language.nlp import load

    doc = load()("Chad accepted the refugees.")
    assert event_word(doc[3]) is None  # `refugees` is not `refuge`


def test_object_picks_the_sense_of_the_verb():
    def top(text: str) -> str:
        events = _two(text, ("Chad", "TCD"), ("Niger", "NER"))
        return max(events, key=lambda e: e["confidence"])["type"]

    assert top("Chad accepted the demands of Niger.") == "CONCEDE"  # accede to demands
    assert top("Chad dismissed an appeal from Niger.") == "REJECT"  # reject a request
    assert top("Chad expelled the inspectors sent by Niger.") == "SANCTION"  # end a presence


def test_phrasal_verb_and_prefix_are_words_of_their_own():
    events = _two("Chad called off the strike and Niger reopened the border.", ("Chad", "TCD"), ("Niger", "NER"))
    assert {(e["type"], e["source_actor"]) for e in events} == {("CONCEDE", "TCD"), ("RETREAT", "NER")}
    events = _two("Chad reimposed a curfew in Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["target_actor"]) for e in events] == [("COERCE", "NER")]


def test_text_participle_acts_for_its_author_and_effort_carries_its_modifier():
    events = _two("Chad issued a statement demanding that Niger rewrite the law.", ("Chad", "TCD"), ("Niger", "NER"))
    assert any(e["type"] == "REQUEST" and (e["source_actor"], e["target_actor"]) == ("TCD", "NER") for e in events)
    events = _two("Chad launched a mediation effort with Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["source_actor"]) for e in events] == [("CONSULT", "TCD")]


def test_threat_is_aimed_at_whoever_must_meet_its_condition():
    text = "Chad threatened to walk away if Niger keeps its troops there."
    threat = next(e for e in _two(text, ("Chad", "TCD"), ("Niger", "NER")) if e["type"] == "THREATEN")
    assert (threat["source_actor"], threat["target_actor"]) == ("TCD", "NER")


def test_support_verbs_through_a_preposition_and_of_aspect():
    events = _two("Chadian forces were engaged in attacks on Niger.", ("Chadian", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["source_actor"], e["target_actor"]) for e in events] == [("ASSAULT", "TCD", "NER")]
    events = _two("Chad tightened the blockade of Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["source_actor"]) for e in events] == [("COERCE", "TCD")]


def test_coordinated_content_shares_the_frame_and_filed_protest_is_disapproval():
    text = "Chad refused to let the planes land and evacuate the wounded."
    events = run(text, [mention(text, "Chad", "TCD")])["events"]
    top = max(events, key=lambda e: e["confidence"])
    assert (top["type"], top["source_actor"]) == ("REJECT", "TCD")
    assert all(e["modality"] == "refuses" for e in events if e["type"] == "RETREAT")
    events = _two("Chad lodged a formal protest with Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["target_actor"]) for e in events] == [("ACCUSE", "NER")]
    events = _two("Chad declared a state of emergency in Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [e["type"] for e in events] == ["COERCE"]


def test_speakers_own_resolve_is_no_demand_but_a_state_named_us_is():
    text = 'Chad said: "We must be careful." Niger said the US must rethink its plan.'
    ms = [mention(text, "Chad", "TCD"), mention(text, "Niger", "NER"), mention(text, "US", "USA")]
    reqs = [e for e in run(text, ms)["events"] if e["type"] == "REQUEST"]
    assert [(e["source_actor"], e["target_actor"]) for e in reqs] == [("NER", "USA")]


def test_handing_over_is_aid_only_when_what_is_handed_is_aid():
    events = _two("Chad sent food and medicine to Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["source_actor"], e["target_actor"]) for e in events] == [("AID", "TCD", "NER")]
    assert _two("Chad gave a speech in Niger.", ("Chad", "TCD"), ("Niger", "NER")) == []
    assert _two("Chad committed atrocities in Niger.", ("Chad", "TCD"), ("Niger", "NER")) == []
    events = _two("Chad blocked the resolution on Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [e["type"] for e in events] == ["REJECT"]


def test_an_offer_inside_a_denied_report_is_denied_not_made():
    text = "A Peruvian official on Friday denied reports that Lima had offered to pull its troops out of Bolivia."
    ms = [mention(text, "Lima", "PER"), mention(text, "Bolivia", "country:BOL", "country", kind="place")]
    events = run(text, ms)["events"]
    assert not [e for e in events if e["modality"] == "intends-or-offers"]
    pull = next(e for e in events if e["type"] == "RETREAT")
    assert (pull["source_actor"], pull["modality"]) == ("PER", "denies")


def test_a_participle_after_a_denied_report_goes_on_telling_the_report():
    text = (
        "A Peruvian official denied reports that Lima had sent a message to Chile, offering to pull its "
        "troops out of Bolivia."
    )
    ms = [
        mention(text, "Lima", "PER"),
        mention(text, "Chile", "CHL"),
        mention(text, "Bolivia", "country:BOL", "country", kind="place"),
    ]
    events = run(text, ms)["events"]
    assert not [e for e in events if e["modality"] == "intends-or-offers"]
    assert next(e for e in events if e["type"] == "RETREAT")["modality"] == "denies"


@pytest.mark.parametrize(
    "text",
    [
        "A senior Peruvian official, who asked not to be named, said Lima would stay.",
        "The Peruvian official said Lima would stay, asking not to be identified.",
    ],
)
def test_asking_not_to_be_named_is_no_demand(text):
    events = run(text, [mention(text, "Lima", "PER")])["events"]
    assert not [e for e in events if e["type"] == "REQUEST"]


def test_asking_not_to_be_deported_in_a_main_clause_is_a_request():
    text = "Peruvian refugees asked not to be deported to Lima."
    events = run(text, [mention(text, "Lima", "PER")])["events"]
    assert [e for e in events if e["type"] == "REQUEST"]


# Positions on war news (issue 12): who acts, on whom, and what is no event at all. Synthetic sentences.


def _one(text: str, *pairs: tuple[str, str]) -> list[dict]:
    return run(text, [mention(text, *p) for p in pairs])["events"]


def test_an_act_noun_acts_for_its_agent_and_victims_are_civilians():
    events = _one("Chadian air strikes on the town killed 12 civilians.", ("Chadian", "TCD"))
    kill = next(e for e in events if e["trigger"] == "killed")
    assert (kill["source_actor"], kill["target_actor"]) == ("TCD", "group:civilians")
    events = _one("At least nine people were killed in raids by Malian jets.", ("Malian", "MLI"))
    kill = next(e for e in events if e["trigger"] == "killed")
    assert (kill["source_actor"], kill["target_actor"]) == ("MLI", "group:civilians")


def test_an_act_with_no_agent_leaves_the_source_empty():
    events = _one("Heavy shelling on the camp killed four children.", ("camp", "x:none", "feature", "place"))
    kill = next(e for e in events if e["trigger"] == "killed")
    assert (kill["source_actor"], kill["source_text"], kill["target_actor"]) == (None, None, "group:civilians")


def test_a_place_is_never_a_source_and_a_shelled_neighbourhood_is_its_civilians():
    text = "Gunmen fired shells on the Qalbun neighbourhood."
    events = _one(text, ("Qalbun", "person:qalbun", "person"))
    fire = next(e for e in events if e["type"] == "ASSAULT")
    assert fire["source_text"] == "Gunmen" and fire["target_actor"] == "group:civilians"
    text = "A rocket fired from the Qalbun neighbourhood hit a school."
    assert not [e for e in _one(text, ("Qalbun", "person:qalbun", "person")) if e["source_actor"] == "person:qalbun"]


def test_a_tag_list_or_dateline_glued_before_the_subject_is_cut_off():
    text = "Tags Chad Niger Assembly The army of Mali shelled the camp."
    events = _one(text, ("Chad", "TCD"), ("Niger", "NER"), ("Mali", "MLI"))
    shell = next(e for e in events if e["type"] == "ASSAULT")
    assert shell["source_actor"] == "MLI" and shell["source_text"].startswith("The army")


def test_a_relative_pronoun_is_its_noun_and_a_bare_pronoun_no_source():
    events = _one("Chad condemned the raid on Niger that killed four children.", ("Chad", "TCD"), ("Niger", "NER"))
    kill = next(e for e in events if e["trigger"] == "killed")
    assert kill["source_text"] != "that" and kill["target_actor"] == "group:civilians"
    kill = next(e for e in _one("It killed four villagers.", ("villagers", "x", "feature", "place")))
    assert (kill["source_actor"], kill["source_text"]) == (None, None)


def test_a_bare_group_noun_is_its_last_full_naming_and_a_demonym_makes_no_rebel_a_state():
    text = "The Malian army entered the town. Later the army shelled Niger."
    events = _one(text, ("Malian", "MLI"), ("Niger", "NER"))
    shell = next(e for e in events if e["trigger"] == "shelled")
    assert (shell["source_actor"], shell["target_actor"]) == ("MLI", "NER")
    attack = next(e for e in _one("Malian rebels attacked Niger.", ("Malian", "MLI"), ("Niger", "NER")))
    assert (attack["source_actor"], attack["source_text"]) == (None, "Malian rebels")


def test_an_unnamed_regime_is_the_state_the_article_is_about():
    text = "Mali rejected the report. Mali said it was false. Mali will respond. Regime forces shelled the camp."
    ms = [mention(text, "Mali", "MLI", nth=n) for n in range(3)]
    shell = next(e for e in run(text, ms)["events"] if e["trigger"] == "shelled")
    assert shell["source_actor"] == "MLI"


@pytest.mark.parametrize(
    "text",
    [
        "Chad will withdraw its troops from Niger if necessary.",
        "Chad once again threatened to close the border with Niger.",
        "Chad will shell Niger until Friday.",
    ],
)
def test_hedges_idioms_and_times_are_no_conditions(text: str):
    events = _one(text, ("Chad", "TCD"), ("Niger", "NER"))
    assert events and not [e for e in events if e["condition"]]


def test_the_title_run_into_the_text_is_not_read_for_events():
    from sitrep.language.nlp import load

    text = "12 May 2016 Chad shells Niger town. Chadian artillery shelled a town in Niger on Monday."
    ms = [mention(text, "Chad", "TCD"), mention(text, "Niger", "NER"), mention(text, "Chadian", "TCD")]
    article = {"article_id": "t", "outlet": "Test Wire", "text": text, "title": "Chad shells Niger town"}
    events = extract(load()(text), article, ms)["events"]
    assert events and all(e["sentence_start"] > 0 for e in events)


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("Chadian shelling hit the market, leaving two people dead.", "RETREAT"),
        ("The army of Chad released a video of the raid.", "RETREAT"),
        ("Chad is seeking to end the dispute with Niger.", "REQUEST"),
        ("The figures demonstrate that Chad failed Niger.", "PROTEST"),
    ],
)
def test_words_read_in_their_other_sense_are_no_such_event(text: str, not_type: str):
    events = _one(text, ("Chad", "TCD"), ("Niger", "NER")) if "Niger" in text else _one(text, ("Chad", "TCD"))
    assert not [e for e in events if e["type"] == not_type]


def test_a_date_is_no_modal():
    events = _one("Chadian strikes since 21 May have killed 40 civilians.", ("Chadian", "TCD"))
    kill = next(e for e in events if e["trigger"] == "killed")
    assert kill["modality"] == "happened"


def test_an_act_named_by_a_noun_in_another_clause_is_read_but_ranks_below_the_clause():
    text = "Chad condemned the siege of Niger by Malian forces."
    events = _one(text, ("Chad", "TCD"), ("Niger", "NER"), ("Malian", "MLI"))
    siege = next(e for e in events if e["trigger"] == "siege")
    accuse = next(e for e in events if e["type"] == "ACCUSE")
    assert (siege["type"], siege["source_actor"]) == ("COERCE", "MLI")
    assert siege["confidence"] < accuse["confidence"]


def test_a_ceasefire_named_is_an_agreement_and_support_with_money_is_aid():
    events = _one("A truce between Chad and Niger held for a week.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [e["type"] for e in events if e["trigger"] == "truce"] in ([], ["AGREE"])
    events = _one("Chad supported Niger with money and weapons.", ("Chad", "TCD"), ("Niger", "NER"))
    assert [(e["type"], e["source_actor"], e["target_actor"]) for e in events] == [("AID", "TCD", "NER")]


def test_the_condition_of_an_act_is_the_condition_of_the_position_taken_on_it():
    text = "Chad pressed Niger to reopen the border if it wanted aid."
    req = next(e for e in _one(text, ("Chad", "TCD"), ("Niger", "NER")) if e["type"] == "REQUEST")
    assert req["condition"] == "if it wanted aid"
    text = "Chad would not support Niger if it keeps its troops in Mali."
    events = _one(text, ("Chad", "TCD"), ("Niger", "NER"))
    assert any(
        e["condition"] and e["condition"].startswith("if it keeps") for e in events if e["source_actor"] == "TCD"
    )


def test_a_held_place_is_aimed_at_its_holder_and_anti_names_no_actor():
    events = _one("Chadian jets pounded rebel-held parts of the city.", ("Chadian", "TCD"))
    pound = next(e for e in events if e["type"] == "ASSAULT")
    assert (pound["source_actor"], pound["target_actor"]) == ("TCD", "group:rebels")
    text = "Chad said the anti-government protests in Mali went on."
    assert not [e for e in _one(text, ("Chad", "TCD"), ("Mali", "MLI")) if e["source_text"] == "government"]


def test_between_two_sides_the_first_acts_on_the_second_and_a_lost_apostrophe_is_the_named_actor():
    events = _one("A truce between Chad and Niger held for a week.", ("Chad", "TCD"), ("Niger", "NER"))
    truce = next(e for e in events if e["trigger"] == "truce")
    assert (truce["type"], truce["source_actor"], truce["target_actor"]) == ("AGREE", "TCD", "NER")
    text = "Deby toured the north. Debys troops shelled Niger."
    ms = [mention(text, "Deby", "person:idriss-deby", "person", actor="TCD"), mention(text, "Niger", "NER")]
    ms.append(mention(text, "Debys", "person:debys", "person"))
    shell = next(e for e in run(text, ms)["events"] if e["trigger"] == "shelled")
    assert shell["source_actor"] == "TCD"


def test_people_harmed_in_a_headline_passive_did_not_act():
    events = _one("Two civilians injured in a mortar attack by Malian militants on the town.", ("Malian", "MLI"))
    hurt = next(e for e in events if e["trigger"] == "injured")
    assert hurt["source_actor"] != "group:civilians" and hurt["target_actor"] == "group:civilians"


def test_we_in_an_organisation_s_own_statement_is_a_source_as_written():
    events = _one("We call on Niger to withdraw its troops from Mali.", ("Niger", "NER"), ("Mali", "MLI"))
    req = next(e for e in events if e["type"] == "REQUEST")
    assert (req["source_text"], req["target_actor"], req["modality"]) == ("We", "NER", "demands")


def test_shelling_a_city_is_aimed_at_its_people_taking_it_is_not_and_a_condemned_act_names_its_doer():
    events = _one("Malian jets shelled the city of Gao.", ("Malian", "MLI"))
    assert next(e for e in events if e["type"] == "ASSAULT")["target_actor"] == "group:civilians"
    events = _one("Malian troops recaptured the city of Gao.", ("Malian", "MLI"))
    assert not [e for e in events if e["target_actor"] == "group:civilians"]
    events = _one("Chad condemned the terrorist attack on the camp.", ("Chad", "TCD"))
    accuse = next(e for e in events if e["type"] == "ACCUSE")
    assert accuse["target_text"] == "terrorist"


def test_a_photo_caption_with_its_credit_is_not_read_for_events():
    text = "A medic runs after an airstrike on a hospital in Gao, Mali, on Monday (Sahel Wire and Agencies)."
    assert _one(text, ("Mali", "MLI")) == []


def test_an_act_owned_by_a_state_organ_is_that_state_s():
    text = "Mali rejected the report. Mali said it was false. Mali will respond. The regime's attacks went on."
    ms = [mention(text, "Mali", "MLI", nth=n) for n in range(3)]
    attacks = next(e for e in run(text, ms)["events"] if e["trigger"] == "attacks")
    assert attacks["source_actor"] == "MLI"


def test_the_condition_in_an_agreement_s_terms_is_the_agreement_s():
    text = (
        "Chad reached an agreement with Niger that its troops would leave the town in exchange for a halt to "
        "the shelling."
    )
    agree = next(e for e in _one(text, ("Chad", "TCD"), ("Niger", "NER")) if e["type"] == "AGREE")
    assert agree["condition"] == "in exchange for a halt to the shelling"


def test_a_call_for_a_thing_is_a_demand_and_world_powers_are_a_source():
    events = _one(
        "Chad also called for action by the African Union.", ("Chad", "TCD"), ("African Union", "igo:au", "igo")
    )
    req = next(e for e in events if e["type"] == "REQUEST")
    assert (req["source_actor"], req["target_actor"]) == ("TCD", "igo:au")
    events = _one("World powers have urged Chad to withdraw from Niger.", ("Chad", "TCD"), ("Niger", "NER"))
    req = next(e for e in events if e["type"] == "REQUEST")
    assert (req["source_text"], req["target_actor"]) == ("World powers", "TCD")


def test_voiced_concern_over_an_act_is_disapproval_of_its_doer():
    events = _one("Chad has voiced its concern over Nigerien troop movements.", ("Chad", "TCD"), ("Nigerien", "NER"))
    accuse = next(e for e in events if e["type"] == "ACCUSE")
    assert (accuse["source_actor"], accuse["target_actor"]) == ("TCD", "NER")
    assert not [e for e in _one("Security concerns kept Chad at home.", ("Chad", "TCD")) if e["type"] == "ACCUSE"]
