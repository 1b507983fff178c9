"""Training hours (JP, jam pelajaran) per employee and year.

Source: /work/shared/DOMAIN.md, "Follow-up", competency development: every
PNS is entitled to at least 20 JP a year [R]; a PPPK gets at most 24 JP per
contract year [S]. The JP come from completed trainings; this module sums
them per year and flags the totals that fall outside those bounds.

The year of a line is taken as given: the calendar year for a PNS and, for a
PPPK, the contract year the line was recorded under (assumption: contract
years are recorded like calendar years unless HR enters them otherwise).
"""

from collections import defaultdict
from collections.abc import Iterable

PNS_MIN_JP = 20.0
PPPK_MAX_JP = 24.0

OK = "ok"
BELOW_MINIMUM = "below_minimum"
ABOVE_MAXIMUM = "above_maximum"
NOT_APPLICABLE = "not_applicable"
STATUSES = (OK, BELOW_MINIMUM, ABOVE_MAXIMUM, NOT_APPLICABLE)


def totals_by_year(lines: Iterable[tuple[int, float]]) -> dict[int, float]:
    """Sum ``(year, jp)`` pairs per year.

    :raises ValueError: on a negative number of JP
    """
    totals = defaultdict(float)
    for year, jp in lines:
        if jp < 0:
            raise ValueError(f"Negative JP in {year!r}: {jp!r}")
        totals[int(year)] += jp
    return dict(totals)


def training_hours_status(
    asn_type: str | None,
    jp: float,
    pns_min: float = PNS_MIN_JP,
    pppk_max: float = PPPK_MAX_JP,
) -> str:
    """Whether one year's JP total is within the bounds of the ASN type.

    :param asn_type: ``pns``, ``pppk`` or anything else (not ASN)
    :param jp: the JP total of the (calendar or contract) year
    :returns: one of :data:`STATUSES`: a PNS below ``pns_min`` is
        ``below_minimum``, a PPPK above ``pppk_max`` is ``above_maximum``,
        non-ASN staff are ``not_applicable``
    """
    if asn_type == "pns":
        return BELOW_MINIMUM if jp < pns_min else OK
    if asn_type == "pppk":
        return ABOVE_MAXIMUM if jp > pppk_max else OK
    return NOT_APPLICABLE
