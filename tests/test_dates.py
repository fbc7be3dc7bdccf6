"""Date expressions: found in text, resolved against the publication date, never guessed without one."""

from __future__ import annotations

import pytest

from sitrep.language.dates import find_dates, resolve
from sitrep.language.nlp import load

PUB = "2019-03-14"  # a Thursday


@pytest.mark.parametrize(
    ("span", "norm", "end", "precision"),
    [
        ("December 1, 2017", "2017-12-01", None, "day"),
        ("1 December 2017", "2017-12-01", None, "day"),
        ("June 2016", "2016-06-01", "2016-06-30", "month"),
        ("2015", "2015-01-01", "2015-12-31", "year"),
        ("Feb. 2", "2019-02-02", None, "day"),
        ("Thursday", "2019-03-14", None, "day"),
        ("on Monday", "2019-03-11", None, "day"),
        ("last Thursday", "2019-03-07", None, "day"),
        ("yesterday", "2019-03-13", None, "day"),
        ("last month", "2019-02-01", "2019-02-28", "month"),
        ("last year", "2018-01-01", "2018-12-31", "year"),
        ("three weeks prior", "2019-02-21", None, "day"),
        ("two years ago", "2017-01-01", "2017-12-31", "year"),
        ("last week", "2019-03-04", "2019-03-10", "day"),
    ],
)
def test_resolves_against_publication(span, norm, end, precision):
    got = resolve(span, PUB)
    assert (got["norm_id"], got["date_end"], got["precision"]) == (norm, end, precision)


def test_month_day_after_publication_is_last_year():
    assert resolve("December 20", PUB)["norm_id"] == "2018-12-20"


def test_undated_article_never_guesses_a_year():
    assert resolve("On December 1", None) == {
        "norm_id": "--12-01",
        "date_end": None,
        "precision": "unknown",
        "subkind": "absolute",
    }
    weekday = resolve("on Thursday", None)
    assert weekday["norm_id"] is None and weekday["precision"] == "unknown"
    assert resolve("last month", None)["norm_id"] is None


def test_day_relative_needs_a_day_precise_publication():
    assert resolve("yesterday", "2019-03-01", "month")["norm_id"] is None
    assert resolve("last year", "2019-01-01", "year")["norm_id"] == "2018-01-01"


@pytest.mark.parametrize("span", ["the last years", "two-day", "the 1990s", "decades"])
def test_stretches_are_not_dates(span):
    assert resolve(span, PUB) is None


def test_find_dates_in_text_keeps_offsets_and_skips_words_that_look_like_dates():
    nlp = load()
    text = "Do not car-pool, they said on Tuesday. The deal of March 3, 2018 held until last month, and may hold."
    rows = find_dates(text, nlp(text), PUB)
    assert [r["text"] for r in rows] == ["Tuesday", "March 3, 2018", "last month"]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"] and r["kind"] == "date"
    assert rows[0]["norm_id"] == "2019-03-12" and rows[0]["subkind"] == "weekday"
