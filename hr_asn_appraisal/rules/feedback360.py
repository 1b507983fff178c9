"""Anonymous aggregation of 360° behaviour input on the BerAKHLAK values.

Peers and subordinates score each BerAKHLAK value with the same three codes
as the Rating Perilaku Kerja (Di Bawah / Sesuai / Di Atas Ekspektasi, see
DOMAIN.md "Ratings and predikat"). The appraiser only ever sees totals per
value. The 360° input is optional (the PP 30/2019 weighting in DOMAIN.md
mentions it); the minimum number of answers below which a total is withheld
is not regulated ([U]), so it is a parameter, configured per cycle.
"""

from .predikat import RATINGS

SCORES = RATINGS
DEFAULT_MIN_RESPONSES = 3
# The lowest minimum allowed. With two answers, each reviewer (or anyone who
# knows one answer) reads the other's by subtracting it from the totals; from
# three on, what is left of the totals still mixes two people.
MIN_RESPONSES_FLOOR = 3


def aggregate(scores, min_responses=DEFAULT_MIN_RESPONSES, value_codes=()):
    """Count the 360° scores per BerAKHLAK value, withholding thin totals.

    :param scores: iterable of ``(value_code, score)`` tuples, one per answer
        of one reviewer on one value; ``score`` is one of :data:`SCORES`
    :param min_responses: a value's totals are withheld while fewer answers
        than this exist for it (anonymity of the reviewers)
    :param value_codes: codes to report even when nobody scored them yet
    :returns: ``{value_code: {"count": n, "withheld": bool,
        "counts": {score: n} or None, "shares": {score: fraction} or None}}``;
        ``counts`` and ``shares`` are ``None`` when withheld
    :raises ValueError: on an unknown score or a minimum below 1
    """
    if min_responses < 1:
        raise ValueError(f"min_responses must be at least 1, got {min_responses!r}")
    tallies = {code: dict.fromkeys(SCORES, 0) for code in value_codes}
    for code, score in scores:
        if score not in SCORES:
            raise ValueError(f"Unknown 360° score: {score!r}")
        tallies.setdefault(code, dict.fromkeys(SCORES, 0))[score] += 1
    result = {}
    for code, tally in tallies.items():
        count = sum(tally.values())
        withheld = count < min_responses
        result[code] = {
            "count": count,
            "withheld": withheld,
            "counts": None if withheld else tally,
            "shares": None
            if withheld
            else {score: tally[score] / count for score in SCORES},
        }
    return result


def missing_values(value_codes, scores):
    """The value codes, in their given order, that have no score yet.

    :param value_codes: the values a form must cover
    :param scores: iterable of ``(value_code, score)``; a falsy score counts
        as missing
    """
    scored = {code for code, score in scores if score}
    return [code for code in value_codes if code not in scored]
