"""Eligibility for a regular rank promotion (kenaikan pangkat reguler).

Source: /work/shared/DOMAIN.md, "Follow-up", promotion [S]: 4 years in the
current rank, an SKP at least "Baik" in each of the last 2 years, and no
disciplinary sanction. Only PNS hold a pangkat; PPPK are not promoted in rank.

"The last 2 years" is read as the employee's last two validated SKPs
(newest first), whatever cycles they belong to.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from .predikat import BAIK, PREDIKATS, SANGAT_BAIK

YEARS_IN_RANK = 4
SKP_COUNT = 2
GOOD_PREDIKATS = frozenset({SANGAT_BAIK, BAIK})

# Reason codes.
NOT_PNS = "not_pns"
NO_RANK_DATE = "no_rank_date"
YEARS_IN_RANK_SHORT = "years_in_rank"
MISSING_SKP = "missing_skp"
PREDIKAT_BELOW_BAIK = "predikat_below_baik"
DISCIPLINARY = "disciplinary"


@dataclass(frozen=True)
class Reason:
    """Why an employee is not eligible: a code and plain parameters."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Eligibility:
    """The outcome: eligible, or not with every reason; and the date on which
    the years in rank are complete (``None`` without a rank date)."""

    eligible: bool
    reasons: tuple[Reason, ...]
    eligible_from: datetime.date | None


def add_years(date: datetime.date, years: int) -> datetime.date:
    """``date`` plus whole years; 29 February becomes 28 February."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def promotion_eligibility(
    asn_type: str | None,
    rank_date: datetime.date | None,
    on_date: datetime.date,
    recent_predikats: Sequence[str | None],
    disciplinary: bool,
    years_in_rank: int = YEARS_IN_RANK,
    skp_count: int = SKP_COUNT,
) -> Eligibility:
    """Whether a civil servant may be proposed for a regular promotion.

    :param asn_type: ``pns`` for a civil servant with a rank; others are not
        eligible (reason ``not_pns``)
    :param rank_date: start of the current rank (TMT pangkat)
    :param on_date: the date the eligibility is judged on
    :param recent_predikats: predikat codes of the validated SKPs, newest
        first; only the first ``skp_count`` are looked at
    :param disciplinary: whether a disciplinary sanction is recorded
    :returns: an :class:`Eligibility` with every failing condition as a
        :class:`Reason`: ``no_rank_date``; ``years_in_rank`` (params
        ``eligible_from``, ``years``); ``missing_skp`` (``found``,
        ``required``); ``predikat_below_baik`` per weak SKP (``position``:
        1 = most recent, ``predikat``); ``disciplinary``
    :raises ValueError: on an unknown predikat code
    """
    for predikat in recent_predikats:
        if predikat and predikat not in PREDIKATS:
            raise ValueError(f"Unknown predikat: {predikat!r}")
    if asn_type != "pns":
        return Eligibility(False, (Reason(NOT_PNS),), None)
    reasons = []
    eligible_from = add_years(rank_date, years_in_rank) if rank_date else None
    if not rank_date:
        reasons.append(Reason(NO_RANK_DATE))
    elif eligible_from > on_date:
        reasons.append(
            Reason(
                YEARS_IN_RANK_SHORT,
                {"eligible_from": eligible_from, "years": years_in_rank},
            )
        )
    recent = list(recent_predikats)[:skp_count]
    if len(recent) < skp_count:
        reasons.append(
            Reason(MISSING_SKP, {"found": len(recent), "required": skp_count})
        )
    for position, predikat in enumerate(recent, start=1):
        if predikat not in GOOD_PREDIKATS:
            reasons.append(
                Reason(
                    PREDIKAT_BELOW_BAIK, {"position": position, "predikat": predikat}
                )
            )
    if disciplinary:
        reasons.append(Reason(DISCIPLINARY))
    return Eligibility(not reasons, tuple(reasons), eligible_from)
