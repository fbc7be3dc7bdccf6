"""Statements: cue, speaker, content span and kind; anonymous sources; attribution chains."""

from __future__ import annotations

from extract_helpers import mention, run


def test_indirect_statement_has_speaker_cue_and_content():
    text = "Russia hopes the US troops will withdraw from Bagram."
    st = run(text, [mention(text, "Russia", "RUS"), mention(text, "US", "USA")])["statements"]
    assert len(st) == 1
    s = st[0]
    assert (s["speaker"], s["speaker_actor"], s["cue"], s["kind"]) == ("Russia", "RUS", "hopes", "indirect")
    assert s["content"] == "the US troops will withdraw from Bagram"
    assert text[s["content_start"] : s["content_end"]] == s["content"]
    assert s["outlet"] == "Test Wire" and not s["anonymous"]


def test_direct_quote_with_trailing_cue_is_direct_and_keeps_marks():
    text = '"We will never accept foreign bases on our soil," the Peruvian minister said on Monday.'
    s = run(text, [mention(text, "Peruvian", "PER")])["statements"][0]
    assert s["kind"] == "direct"
    assert s["content"].startswith('"We will never') and s["content"].endswith('soil,"')
    assert s["speaker_actor"] == "PER"


def test_quote_running_over_two_sentences_is_widened_to_its_marks():
    text = 'The talks failed. "We came in good faith. They did not," Ortega said.'
    s = run(text, [mention(text, "Ortega", "person:ortega", "person", actor="NIC")])["statements"][0]
    assert s["content"] == '"We came in good faith. They did not,"'
    assert s["speaker_person"] == "person:ortega" and s["speaker_actor"] == "NIC"


def test_mixed_quote():
    text = 'The ministry said the strikes were "a grave violation" of the truce.'
    s = run(text, [])["statements"][0]
    assert s["kind"] == "mixed"


def test_anonymous_source_keeps_its_affiliation():
    text = "A senior official in Kenya said the border would reopen next week."
    s = run(text, [mention(text, "Kenya", "KEN")])["statements"][0]
    assert s["anonymous"] is True
    assert s["speaker_actor"] == "KEN" and s["speaker_person"] is None


def test_named_person_is_not_anonymous():
    text = "Foreign Minister Ana Lopez said the border would reopen."
    s = run(text, [mention(text, "Ana Lopez", "person:ana-lopez", "person", actor="ESP")])["statements"][0]
    assert s["anonymous"] is False and s["speaker_actor"] == "ESP"


def test_attribution_chain_keeps_reporter_and_speaker():
    text = "The French daily Le Monde reported that Moroccan officials rejected the plan."
    rows = run(
        text, [mention(text, "Le Monde", "media:le-monde", "media", actor="FRA"), mention(text, "Moroccan", "MAR")]
    )
    s = rows["statements"][0]
    assert s["reporter"] == "The French daily Le Monde" and s["reporter_start"] == 0
    assert s["speaker_actor"] == "MAR" and s["speaker"] == "Moroccan officials"


def test_according_to_phrase_is_a_statement():
    text = "According to the source, the army will attack the town."
    s = run(text, [])["statements"][0]
    assert s["cue"] == "According to" and s["speaker"] == "the source" and s["anonymous"] is True
    assert s["content"] == "the army will attack the town"


def test_statement_ids_are_stable_and_sorted():
    text = "Iran said it would stay. Turkey said it would leave."
    ms = [mention(text, "Iran", "IRN"), mention(text, "Turkey", "TUR")]
    a, b = run(text, ms)["statements"], run(text, ms)["statements"]
    assert [s["statement_id"] for s in a] == [s["statement_id"] for s in b]
    assert [s["speaker_actor"] for s in a] == ["IRN", "TUR"]


def test_pronoun_speaker_speaks_for_the_previous_speaker():
    text = "Ortega told reporters the talks had failed. It called for all foreign troops to withdraw from Beland."
    st = run(text, [mention(text, "Ortega", "person:ortega", "person", actor="NIC")])["statements"]
    it = next(s for s in st if s["speaker"] == "It")
    assert it["speaker_actor"] == "NIC" and it["speaker_person"] == "person:ortega"


def test_pronoun_speaker_with_no_speaker_before_stays_unknown():
    text = "It called for all foreign troops to withdraw from Beland."
    st = run(text, [])["statements"]
    assert st and all(s["speaker_actor"] is None for s in st)


def _by_cue(text: str, cue: str, mentions=None) -> dict:
    return next(s for s in run(text, mentions or [])["statements"] if s["cue"] == cue)


def test_quote_interrupted_by_its_cue_runs_on_after_it():
    text = 'The talks failed. "We came in good faith," Ortega said on Monday. "They did not."'
    s = _by_cue(text, "said")
    assert s["content"] == '"We came in good faith," Ortega said on Monday. "They did not."'
    assert s["kind"] == "direct"


def test_quote_after_another_speakers_cue_is_not_joined():
    text = '"We came in good faith," Ortega said. "We did not," Lopez replied.'
    assert _by_cue(text, "said")["content"] == '"We came in good faith,"'


def test_two_apostrophe_quotes_are_joined_too():
    text = "''We will stay,'' Ortega said. ''We will not leave.''"
    assert _by_cue(text, "said")["content"] == text


def test_quoted_i_think_is_not_a_statement_of_its_own():
    text = '"I think the border will reopen soon," the minister said.'
    st = run(text, [])["statements"]
    assert [s["cue"] for s in st] == ["said"]


def test_object_control_cue_keeps_its_object():
    assert _by_cue("The senator urged the governor to resign.", "urged")["content"] == "the governor to resign"
    text = "Lopez called on the army to withdraw from the valley."
    assert _by_cue(text, "called")["content"] == "the army to withdraw from the valley"
    assert _by_cue("The mayor blamed the rebels for the attack.", "blamed")["content"] == "the rebels for the attack"


def test_addressee_is_not_content():
    text = "The minister told reporters that the talks had failed."
    assert _by_cue(text, "told")["content"] == "that the talks had failed"


def test_call_for_takes_what_is_asked_for():
    assert (
        _by_cue("Lopez called for the release of the prisoners.", "called")["content"] == "the release of the prisoners"
    )


def test_second_cue_of_the_same_speaker_ends_the_content():
    text = "The mayor said the plan would fail and suggested that voters stay home."
    said, suggested = _by_cue(text, "said"), _by_cue(text, "suggested")
    assert said["content"] == "the plan would fail"
    assert suggested["speaker"] == "The mayor" and suggested["content"] == "that voters stay home"


def test_speaker_stops_before_a_relative_clause_and_a_paragraph_break():
    text = "Kasich, who spoke in Ohio on Friday, said the race was close."
    assert _by_cue(text, "said")["speaker"] == "Kasich"
    text = "9:30 a.m.\n\nThe mayor of the town said the bridge would reopen."
    assert "\n" not in _by_cue(text, "said")["speaker"]


def test_parenthetical_cue_inside_the_clause_spans_both_parts():
    text = "The border, the minister added, will reopen next week."
    assert _by_cue(text, "added")["content"] == "The border, the minister added, will reopen next week"
