"""Annual credit points (angka kredit) of functional positions (JF).

Source: /work/shared/DOMAIN.md, "Follow-up", functional positions [S/C]:
credit points = percentage by predikat x the level's annual coefficient,
prorated by months/12 for a part year. The coefficients per level are data
(``hr.asn.credit.coefficient``); the percentages are fixed here.
"""

from .predikat import BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_BAIK, SANGAT_KURANG

# Percentage of the annual coefficient earned per predikat.
PERCENT_BY_PREDIKAT = {
    SANGAT_BAIK: 150.0,
    BAIK: 100.0,
    BUTUH_PERBAIKAN: 75.0,
    KURANG: 50.0,
    SANGAT_KURANG: 25.0,
}
MONTHS_IN_YEAR = 12
# The position type whose holders earn credit points (hr.employee).
FUNCTIONAL = "fungsional"


def credit_points(
    predikat: str | None,
    coefficient: float,
    months: int = MONTHS_IN_YEAR,
    percentages: dict[str, float] | None = None,
) -> float:
    """Credit points earned in one cycle.

    :param predikat: predikat code of the cycle; falsy (not rated) gives 0.0
    :param coefficient: the annual coefficient of the position level
    :param months: months served in the position during the cycle (0-12)
    :param percentages: percentage per predikat (default
        :data:`PERCENT_BY_PREDIKAT`)
    :raises ValueError: on an unknown predikat, months outside 0-12 or a
        negative coefficient
    """
    percentages = PERCENT_BY_PREDIKAT if percentages is None else percentages
    if not 0 <= months <= MONTHS_IN_YEAR:
        raise ValueError(f"Months served out of range: {months!r}")
    if coefficient < 0:
        raise ValueError(f"Negative coefficient: {coefficient!r}")
    if not predikat:
        return 0.0
    if predikat not in percentages:
        raise ValueError(f"Unknown predikat: {predikat!r}")
    return percentages[predikat] / 100 * coefficient * months / MONTHS_IN_YEAR


def jf_credit(
    position_type: str | None,
    position_level: str | None,
    predikat: str | None,
    months: int,
    coefficients: dict[str, float],
) -> tuple[float | None, float]:
    """(annual coefficient, credit points) a cycle earns at validation.

    Only a functional position (JF, position type ``"fungsional"``) earns
    credit points, at the coefficient of its level; a level missing from the
    table earns none (coefficient ``None``).

    :param coefficients: {position level: annual coefficient}
    """
    if position_type != FUNCTIONAL or position_level not in coefficients:
        return None, 0.0
    coefficient = coefficients[position_level]
    return coefficient, credit_points(predikat, coefficient, months)
