"""The plain-text cleaner: bodies keep the whole article; page furniture, threads and pasted stories go."""

from __future__ import annotations

import pytest

from sitrep.clean.text import clean_text

# seed file prefix -> (first article sentence start, last article sentence end, things that must not be body)
SEEDS = {
    "000": (
        "A top decision maker in Syria has said",
        "won the battle against “regime change” and the partition of the Levant.",
        ["share buttons", "Disclaimer", "Become a Member", "Facebook page", "media inquiries", "fair use"],
    ),
    "001": (
        "The United States offered the Assad regime to take its forces out of Syria",
        "doubts whether it can be implemented, according to the official.",
        ["Send in e-mail", "LOG IN", "first month", "Slam the Door", "UPDATE:", "Everyone wants to get Iran"],
    ),
    "002": (
        "After meeting with Assad last week in Sochi, Putin was quoted saying",
        "a noble effort warranting praise, not uncalled for criticism by anyone.",
        ["Leave a Reply", "VISIT MY NEW WEB SITE", "My newest book", "bloggers like this"],
    ),
    "003": (
        "On December 1, Russia Foreign Minister Sergei Lavrov said",
        "until Syrians reach a political solution.",
        ["reinhard", "Allen Flick", "Joe Kerr", "Khazar", "EmilyEnso"],
    ),
    "004": (
        '"The Americans should leave, somehow they\'re going to leave", he said.',
        "the one Iranians on the Syrian battleground have been navy advisers.",
        ["newsletters", "tariffs", "Reinsch", "Related news", "error occurred"],
    ),
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_body_keeps_article_and_drops_furniture(seeds_dir, prefix):
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    first, last, dropped = SEEDS[prefix]
    assert first in cleaned.text
    assert cleaned.text.endswith(last)
    for phrase in dropped:
        assert phrase not in cleaned.text, phrase


def test_seed_short_quotes_and_broken_paragraphs_stay(seeds_dir):
    (path,) = seeds_dir.glob("000_*.txt")
    body = clean_text(path.read_text(encoding="utf-8")).text
    assert "Assad responded:" in body
    assert "remaining in Syria once all terrorist Takfirees are killed" in body  # rejoined across the break
    (path,) = seeds_dir.glob("002_*.txt")
    body = clean_text(path.read_text(encoding="utf-8")).text
    assert "(I)t remains a fundamental anomaly" in body
    assert "A Final Comment" in body


def test_seed_metadata(seeds_dir):
    (path,) = seeds_dir.glob("000_*.txt")
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    assert cleaned.author == "Elijah J. Magnier"
    assert cleaned.outlet == "Global Research"
    assert (cleaned.published, cleaned.published_precision) == ("2018-07-16", "day")
    assert "[" not in cleaned.text and "*" not in cleaned.text  # markdown gone, words kept
    (path,) = seeds_dir.glob("004_*.txt")
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    assert [b.kind for b in cleaned.blocks[:3]] == ["title", "title", "title"]
    assert any(b.kind == "off_topic" and "Reinsch" in b.text for b in cleaned.blocks)


PROSE = (
    "The ministry said on Monday that the talks on the ceasefire would resume in the capital next week, "
    "after two rounds ended without agreement on the withdrawal of the armed groups from the border towns."
)
PROSE2 = (
    "Negotiators for both sides told reporters that the ceasefire had largely held, although the armed "
    "groups accused the ministry of moving troops towards the border towns during the talks."
)


def test_comment_thread_with_names_and_timestamps():
    thread = "12 Comments\n\njdoe77\n3 hours ago\nThis is nonsense.\nReply\n"
    text = f"Ceasefire talks to resume\n\n{PROSE}\n\n{PROSE2}\n\n{thread}"
    cleaned = clean_text(text)
    assert cleaned.text == f"{PROSE}\n\n{PROSE2}"
    kinds = {b.text: b.kind for b in cleaned.blocks}
    assert kinds["12 Comments"] == kinds["jdoe77"] == kinds["This is nonsense."] == "comments"


def test_comment_thread_by_indentation():
    thread = "  wanderer\n\n    I doubt the talks will go anywhere.\n"
    text = f"Ceasefire talks to resume\n\n{PROSE}\n\n{PROSE2}\n\n{thread}"
    cleaned = clean_text(text)
    thread = [b for b in cleaned.blocks if b.kind == "comments"]
    assert thread[0].text == "wanderer" and "indented reply" in thread[0].reason
    assert "doubt" not in cleaned.text


def test_repeated_headline_is_one_title_and_byline_dateline_read():
    head = "Ceasefire Talks To Resume Next Week"
    header = f"{head}\n\n{head}\n\nBy Jane Q. Doe (Staff)\n\nThe Daily Planet, March 3, 2019"
    text = f"{header}\n\n{PROSE}\n\n{PROSE2}"
    cleaned = clean_text(text)
    assert cleaned.title == head
    assert [b.kind for b in cleaned.blocks] == ["title", "title", "byline", "dateline", "body", "body"]
    assert cleaned.author == "Jane Q. Doe"
    assert cleaned.outlet == "The Daily Planet"
    assert (cleaned.published, cleaned.published_precision) == ("2019-03-03", "day")


def test_markdown_byline_and_month_precision():
    text = f"# Talks resume\n\nBy [Jane Doe](#)\n\nMarch 2019\n\n*{PROSE}*\n\n{PROSE2}"
    cleaned = clean_text(text)
    assert cleaned.author == "Jane Doe"
    assert (cleaned.published, cleaned.published_precision) == ("2019-03-01", "month")
    assert cleaned.text.startswith("The ministry said")


def test_undated_text_has_no_date_and_short_sentences_stay():
    text = f"Talks resume in the capital\n\n{PROSE}\n\nThat was all.\n\n{PROSE2}"
    cleaned = clean_text(text)
    assert cleaned.published is None and cleaned.published_precision is None
    assert "That was all." in cleaned.text


def test_share_lines_related_teasers_and_pasted_story():
    pasted = (
        "In other news, the city's football club won its third league title in a row on Sunday, "
        "with the striker scoring twice before a crowd of forty thousand supporters."
    )
    text = (
        f"Talks resume in the capital\n\nShare Tweet Email\n\n{PROSE}\n\n"
        f">> Read: the long history of ceasefires\n\n{pasted}\n\n{PROSE2}\n\n"
        "Related:\nMarkets Rally On Rate Hopes\nStorm Warning For The Coast\n\nSign up for our newsletter"
    )
    cleaned = clean_text(text)
    assert cleaned.text == f"{PROSE}\n\n{PROSE2}"
    kinds = {b.text: b.kind for b in cleaned.blocks}
    assert kinds["Share Tweet Email"] == "boilerplate"
    assert kinds[">> Read: the long history of ceasefires"] == "related"
    assert kinds[pasted] == "off_topic"
    assert kinds["Storm Warning For The Coast"] == "related"
    assert kinds["Sign up for our newsletter"] == "boilerplate"


def test_body_offsets_point_into_text():
    cleaned = clean_text(f"Talks resume\n\n{PROSE}\n\nShare this article\n\n{PROSE2}")
    for block in cleaned.blocks:
        if block.kind == "body":
            assert cleaned.text[block.start : block.end] == block.text
        else:
            assert block.start is None


def test_empty_text():
    cleaned = clean_text("   \n\n ")
    assert cleaned.text == "" and cleaned.blocks == []
