"""The case-wide `places` table: one row per place the articles mention, for the map and for event locations."""

from __future__ import annotations

from typing import Any

from sitrep.stages import CaseView, case_stage

_QUERY = """
    select norm_id as place_id,
           min(name) as name,
           min(subkind) as feature,
           min(country) as country,
           avg(lat) as lat,
           avg(lon) as lon,
           max(geonames_id) as geonames_id,
           list_sort(list_distinct(list(text))) as aliases,
           count(*) as mention_count,
           count(distinct article_id) as article_count
    from mentions
    where kind = 'place' and norm_id is not null
    group by norm_id
    order by norm_id
"""


@case_stage("places", requires=("mentions",), assigns=("places",), order=110)
def places(case: CaseView) -> dict[str, list[dict[str, Any]]]:
    """Aggregate place mentions by place id; every mention of one id carries the same gazetteer facts."""
    rel = case.con.sql(_QUERY)
    names = rel.columns
    return {"places": [dict(zip(names, row, strict=True)) for row in rel.fetchall()]}
