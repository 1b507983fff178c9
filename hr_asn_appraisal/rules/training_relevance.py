"""Which training programmes fit an SKP best: "most relevant programmes first".

Source: /work/shared/DOMAIN.md, section "Follow-up (tindak lanjut)":
development plans come from competency gaps *and performance gaps* [R].
The programmes open to the SKP's predikat come first; among them, those that
address the SKP's weaker rating (behaviour: programmes developing BerAKHLAK
values; work results: technical or functional programmes); then the earliest
start.
"""

import datetime

from .predikat import RATINGS as RATING_ORDER
from .training_eligibility import WORK_CATEGORIES

ALLOWED_WEIGHT = 100
GAP_WEIGHT = 10
BEHAVIOUR = "behaviour"
WORK = "work"


def weaker_areas(work_rating, behavior_rating):
    """The performance gaps of an SKP: ``{"work"}``, ``{"behaviour"}``, both or none.

    A rating is a gap when it is Di Bawah Ekspektasi, or when it is below the
    other rating (the weaker of the two).
    """
    ranks = {rating: index for index, rating in enumerate(RATING_ORDER)}
    work = ranks.get(work_rating)
    behaviour = ranks.get(behavior_rating)
    gaps = set()
    if work is not None and (work == 0 or (behaviour is not None and work < behaviour)):
        gaps.add(WORK)
    if behaviour is not None and (
        behaviour == 0 or (work is not None and behaviour < work)
    ):
        gaps.add(BEHAVIOUR)
    return gaps


def relevance_score(
    *,
    predikat,
    allowed_predikats,
    work_rating,
    behavior_rating,
    category,
    develops_behavior,
):
    """How well a programme fits an SKP: higher is more relevant.

    100 when the programme is open to the SKP's predikat, plus 10 for each
    gap of the SKP it addresses: a behaviour gap by a programme developing
    BerAKHLAK values, a work gap by a technical or functional programme.
    """
    score = ALLOWED_WEIGHT if predikat in set(allowed_predikats or ()) else 0
    gaps = weaker_areas(work_rating, behavior_rating)
    if BEHAVIOUR in gaps and develops_behavior:
        score += GAP_WEIGHT
    if WORK in gaps and category in WORK_CATEGORIES:
        score += GAP_WEIGHT
    return score


def relevance_sort_key(score, date_start, name=""):
    """Most relevant first, then the earliest start, then by name."""
    return (-score, date_start or datetime.date.max, name or "")
