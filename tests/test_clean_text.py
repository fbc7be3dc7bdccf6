"""The plain-text cleaner: bodies keep the whole article; page furniture, threads and pasted stories go."""

from __future__ import annotations

import hashlib

import pytest

from sitrep.clean.text import clean_text

# The seeds' text must not be copied into the repo, so the phrases these tests look for are held as
# (length, first 16 hex digits of the SHA-256 of the phrase); `_has` slides a window of that length over
# the text.
# seed file prefix -> (first article sentence start, last article sentence end, things that must not be body)
SEEDS = {
    "000": (
        (38, "73d81729ca20ad36"),
        (71, "41a4d601bc366cb8"),
        [
            (13, "c2f6c718f154eb35"),
            (10, "129c678fce59acee"),
            (15, "2bf782bd655879b5"),
            (13, "1cc93e4596452539"),
            (15, "1ffb891813599321"),
            (8, "23e518da4240d676"),
        ],
    ),
    "001": (
        (74, "3389f3e06a965a6c"),
        (64, "5e56a7f3877851e6"),
        [
            (14, "728c5fa1dc576ced"),
            (6, "74f46cca78015206"),
            (11, "5c2c2a78b04b410a"),
            (13, "6c2aa85372671ecc"),
            (7, "6c43916d17a55abc"),
            (26, "7e0fd3dccbf2c357"),
        ],
    ),
    "002": (
        (68, "78ba1fdf567189d0"),
        (71, "877cffc9c9ed44b3"),
        [
            (13, "3b43fb1323e91009"),
            (21, "61805f9d6a492879"),
            (14, "8d63c127fe4ad586"),
            (18, "5e2d7f18b6f134f0"),
        ],
    ),
    "003": (
        (57, "34533dec8da4bc13"),
        (41, "b07798d7e4e1cb84"),
        [
            (8, "9493e6dd982fd829"),
            (11, "d50e52f02bd767a2"),
            (8, "6a39c876721d3362"),
            (6, "a79dbfc46797ca7e"),
            (9, "e2f08da5c0e01c58"),
        ],
    ),
    "004": (
        (70, "78dea942dbfad6ae"),
        (68, "8cd7925169b5d63c"),
        [
            (11, "d2ce4df5e613b126"),
            (7, "3057902be319f81e"),
            (7, "53ac10dbc91765ee"),
            (12, "2bbf73278f202602"),
            (14, "67a0906bf9087fe8"),
        ],
    ),
}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _has(text: str, phrase: tuple[int, str]) -> bool:
    length, digest = phrase
    return any(_digest(text[i : i + length]) == digest for i in range(len(text) - length + 1))


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_body_keeps_article_and_drops_furniture(seeds_dir, prefix):
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    first, last, dropped = SEEDS[prefix]
    assert _has(cleaned.text, first)
    assert _digest(cleaned.text[-last[0] :]) == last[1]
    for phrase in dropped:
        assert not _has(cleaned.text, phrase), phrase


def test_seed_short_quotes_and_broken_paragraphs_stay(seeds_dir):
    (path,) = seeds_dir.glob("000_*.txt")
    body = clean_text(path.read_text(encoding="utf-8")).text
    assert _has(body, (16, "58b526492fda2443"))  # a short quote introduced by a colon
    assert _has(body, (58, "7921d35ad79e58df"))  # rejoined across the break
    (path,) = seeds_dir.glob("002_*.txt")
    body = clean_text(path.read_text(encoding="utf-8")).text
    assert _has(body, (34, "00ee9f5865973261"))  # a quote opening with a bracketed capital
    assert _has(body, (15, "637c8a96f9bd8ef1"))  # a closing section heading of the article


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
    assert any(b.kind == "off_topic" and _has(b.text, (7, "53ac10dbc91765ee")) for b in cleaned.blocks)


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
