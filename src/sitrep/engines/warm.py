"""Imported by the local engine's forkserver before it forks workers: every worker then starts warm.

Without it each worker spends seconds loading spaCy, the gazetteer and the lexicons before its first article,
which on a build of a few hundred articles eats most of what a second process gains.
"""

from sitrep.pipeline import warm_up

warm_up()
