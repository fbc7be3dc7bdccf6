"""Imported by the local engine's forkserver before it forks workers: every worker then starts warm.

Without it each worker spends seconds loading spaCy, the gazetteer and the lexicons before its first article,
which on a build of a few hundred articles eats most of what a second process gains.
"""

from sitrep.engines.lifeline import die_with_parent

die_with_parent()  # this module runs in the forkserver, a child of the build: it must not outlive it

from sitrep.pipeline import warm_up  # noqa: E402 - after the lifeline, so a build killed while loading is no orphan

try:
    warm_up()
except Exception:  # noqa: BLE001, S110 - each worker loads again and reports the error itself (engines/local.py)
    pass
