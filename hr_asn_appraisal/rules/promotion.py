"""Eligibility for a promotion in rank (kenaikan pangkat).

Sources:

* PP 99/2000 jo. PP 12/2002 (Kenaikan Pangkat PNS), still applied by BKN
  with PP 11/2017 jo. PP 17/2020 (Manajemen PNS) as the framework (BKN
  Kanreg Denpasar, "ensiklopedia: kenaikan pangkat"; BKPP Kulon Progo,
  "Kenaikan Pangkat"):

  - regular promotion (reguler): at least 4 years in the current rank and
    the performance appraisal at least "Baik" in each of the last 2 years
    (regional BKD checklists ask for "SKP 2 tahun terakhir", e.g. BKPSDM
    Malaka, PN Rantau);
  - JF officers (Pasal 13): at least 2 years in the current rank, the credit
    points required met, and the appraisal at least "Baik" in the last 2
    years.
* DOMAIN.md "Follow-up" and "A year as it really happens" [S]: promotion looks
  at the two years just before the promotion date, not at "the last two
  SKPs ever"; no disciplinary sanction.
* Peraturan BKN 3/2023 and PermenPANRB 1/2023 (see rules/credit.py): the
  Angka Kredit Kumulatif a JF officer needs for the next rank, or for the
  next level at the level's top rank.
* IV/e (Pembina Utama) is the highest rank of a PNS: nothing above it.

Reading of "the last 2 years": the two calendar years before the year of the
evaluation date (a promotion on 1 April 2027 looks at 2026 and 2025). A year
without a validated result is not skipped over: it makes the employee not
eligible, with that year as the reason. The years in rank of a JF officer (2)
come from PP 99/2000 Pasal 13; PermenPANRB 1/2023 ties the JF rank to the
credit points, and whether a minimum time still applies was not confirmed:
the number is a parameter.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from .predikat import BAIK, PREDIKATS, SANGAT_BAIK

YEARS_IN_RANK = 4
YEARS_IN_RANK_JF = 2
YEAR_COUNT = 2
# Kept for callers that name the number of appraised years.
SKP_COUNT = YEAR_COUNT
GOOD_PREDIKATS = frozenset({SANGAT_BAIK, BAIK})
TOP_RANK_CODE = "IV/e"

# Reason codes.
NOT_PNS = "not_pns"
NO_RANK_DATE = "no_rank_date"
YEARS_IN_RANK_SHORT = "years_in_rank"
MISSING_YEAR = "missing_year"
PREDIKAT_BELOW_BAIK = "predikat_below_baik"
DISCIPLINARY = "disciplinary"
TOP_RANK = "top_rank"
CREDIT_SHORT = "credit_short"
NO_CREDIT_REQUIREMENT = "no_credit_requirement"


@dataclass(frozen=True)
class Reason:
    """Why an employee is not eligible: a code and plain parameters."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Eligibility:
    """The outcome: eligible, or not with every reason; the date on which
    the years in rank are complete (``None`` without a rank date); and the
    calendar years looked at, newest first."""

    eligible: bool
    reasons: tuple[Reason, ...]
    eligible_from: datetime.date | None
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class JfCredit:
    """A JF officer's credit points toward the next rank.

    ``requirement`` is what :func:`rules.credit.requirement` returns:
    ``("rank" | "level", points)``, or ``None`` when no next step is known;
    ``accumulated`` the points earned toward it."""

    requirement: tuple[str, float] | None
    accumulated: float


def add_years(date: datetime.date, years: int) -> datetime.date:
    """``date`` plus whole years; 29 February becomes 28 February."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def appraised_years(on_date: datetime.date, count: int = YEAR_COUNT):
    """The ``count`` calendar years just before ``on_date``'s year, newest
    first."""
    return tuple(on_date.year - offset for offset in range(1, count + 1))


def promotion_eligibility(
    asn_type: str | None,
    rank_date: datetime.date | None,
    on_date: datetime.date,
    predikat_by_year: Mapping[int, str | None],
    disciplinary: bool,
    years_in_rank: int | None = None,
    year_count: int = YEAR_COUNT,
    rank_code: str | None = None,
    jf_credit: JfCredit | None = None,
) -> Eligibility:
    """Whether a civil servant may be proposed for a promotion in rank.

    :param asn_type: ``pns`` for a civil servant with a rank; others are not
        eligible (reason ``not_pns``)
    :param rank_date: start of the current rank (TMT pangkat)
    :param on_date: the evaluation date (the promotion date looked at)
    :param predikat_by_year: {calendar year: the year's validated predikat};
        a year missing or ``None`` has no validated result
    :param disciplinary: whether a disciplinary sanction is recorded
    :param years_in_rank: years needed in the current rank (default 4, or 2
        for a JF officer)
    :param rank_code: the golongan of the current rank (``IV/e`` is the top)
    :param jf_credit: the credit points of a JF officer; ``None`` for any
        other position
    :returns: an :class:`Eligibility` with every failing condition as a
        :class:`Reason`: ``top_rank``; ``no_rank_date``; ``years_in_rank``
        (params ``eligible_from``, ``years``); ``missing_year`` (``year``);
        ``predikat_below_baik`` (``year``, ``predikat``); ``credit_short``
        (``kind``, ``required``, ``accumulated``); ``no_credit_requirement``;
        ``disciplinary``
    :raises ValueError: on an unknown predikat code
    """
    for predikat in predikat_by_year.values():
        if predikat and predikat not in PREDIKATS:
            raise ValueError(f"Unknown predikat: {predikat!r}")
    years = appraised_years(on_date, year_count)
    if asn_type != "pns":
        return Eligibility(False, (Reason(NOT_PNS),), None, years)
    if years_in_rank is None:
        years_in_rank = YEARS_IN_RANK_JF if jf_credit else YEARS_IN_RANK
    reasons = []
    if rank_code == TOP_RANK_CODE:
        reasons.append(Reason(TOP_RANK, {"rank": rank_code}))
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
    for year in years:
        predikat = predikat_by_year.get(year)
        if not predikat:
            reasons.append(Reason(MISSING_YEAR, {"year": year}))
        elif predikat not in GOOD_PREDIKATS:
            reasons.append(
                Reason(PREDIKAT_BELOW_BAIK, {"year": year, "predikat": predikat})
            )
    if jf_credit is not None and rank_code != TOP_RANK_CODE:
        if jf_credit.requirement is None:
            reasons.append(Reason(NO_CREDIT_REQUIREMENT))
        else:
            kind, required = jf_credit.requirement
            if jf_credit.accumulated + 1e-9 < required:
                reasons.append(
                    Reason(
                        CREDIT_SHORT,
                        {
                            "kind": kind,
                            "required": required,
                            "accumulated": jf_credit.accumulated,
                        },
                    )
                )
    if disciplinary:
        reasons.append(Reason(DISCIPLINARY))
    return Eligibility(not reasons, tuple(reasons), eligible_from, years)
