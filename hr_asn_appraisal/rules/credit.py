"""Credit points (angka kredit) of functional positions (JF).

Sources:

* Peraturan BKN 3/2023 (Angka Kredit, Kenaikan Pangkat dan Jenjang Jabatan
  Fungsional), Pasal 1 angka 7 and 9 and its Lampiran I, as presented in
  BKN's technical briefing "Pelaksanaan Teknis Peraturan BKN No. 3 Tahun
  2023" (Direktorat Jabatan ASN, July 2023; public copies on scribd.com,
  documents 667706939 and 695385622):

  - annual credit points = percentage by predikat x the level's annual
    coefficient (koefisien); Sangat Baik 150 %, Baik 100 %, Butuh Perbaikan
    75 %, Kurang 50 %, Sangat Kurang 25 %. Example: Ahli Pertama (12.5),
    Sangat Baik, January-December 2023 = 150 % x 12.5 = 18.75.
  - periodic (part-year) credit points = months / 12 x percentage x
    coefficient. Example: Ahli Pertama, Baik, January-February 2024 =
    2/12 x 100 % x 12.5 = 2.08.
  - the points accumulate ("tabel akumulasi angka kredit"): 18.75 + 2.08 =
    20.83 in the example.
  - Angka Kredit Kumulatif (Pasal 1 angka 7): the accumulated points an
    officer must reach for a promotion in rank (pangkat) or level (jenjang).

* The cumulative requirements of the skill-based (keahlian) levels, from
  BKN's briefing "Kebijakan Teknis Peraturan BKN Nomor 3 Tahun 2023"
  (slideshare.net, "AK kebutuhan kenaikan pangkat/jabatan model konversi"),
  which follows PermenPANRB 1/2023: Ahli Pertama (III/a-III/b) 50 for a rank,
  100 for the next level; Ahli Muda (III/c-III/d) 100 / 200; Ahli Madya
  (IV/a-IV/c) 150 / 450; Ahli Utama (IV/d-IV/e) 200 / none. [S/C]
* The trade (keterampilan) levels: PermenPANRB 1/2023 Lampiran (kategori
  keterampilan, AKK kenaikan pangkat by golongan: II/a 15, II/b-II/d 20,
  III/a-III/b 50, III/c 100) gives the rank figures; the figures for the
  next level (Pemula 15, Terampil 60, Mahir 100) could not be confirmed from
  a source and are data the HR officer checks (``hr.asn.credit.coefficient``).

The percentages are fixed here; the coefficients and the cumulative
requirements are data (``hr.asn.credit.coefficient``), shipped with the
values above.

Months of an SKP: the credit points of a part year count whole calendar
months (BKN's example counts "Januari - Februari" as 2). When an SKP does not
start or end on a month's boundary, a calendar month is counted for the SKP
that holds its first day, so that consecutive SKPs of a year share its
twelve months without counting one twice. This tie-break is not in the
sources found [U].
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

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

# The ranks (golongan ruang) of each JF level, lowest first (PermenPANRB
# 1/2023, through BKN's briefing above).
RANKS_BY_LEVEL = {
    "pemula": ("II/a",),
    "terampil": ("II/b", "II/c", "II/d"),
    "mahir": ("III/a", "III/b"),
    "penyelia": ("III/c", "III/d"),
    "ahli_pertama": ("III/a", "III/b"),
    "ahli_muda": ("III/c", "III/d"),
    "ahli_madya": ("IV/a", "IV/b", "IV/c"),
    "ahli_utama": ("IV/d", "IV/e"),
}
# The next level of each level (none above Ahli Utama and Penyelia).
NEXT_LEVEL = {
    "pemula": "terampil",
    "terampil": "mahir",
    "mahir": "penyelia",
    "ahli_pertama": "ahli_muda",
    "ahli_muda": "ahli_madya",
    "ahli_madya": "ahli_utama",
}


def credit_points(
    predikat: str | None,
    coefficient: float,
    months: int = MONTHS_IN_YEAR,
    percentages: dict[str, float] | None = None,
) -> float:
    """Credit points earned in one SKP.

    :param predikat: predikat code of the SKP; falsy (not rated) gives 0.0
    :param coefficient: the annual coefficient of the position level
    :param months: months served in the position during the SKP (0-12)
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
    """(annual coefficient, credit points) an SKP earns at validation.

    Only a functional position (JF, position type ``"fungsional"``) earns
    credit points, at the coefficient of its level; a level missing from the
    table earns none (coefficient ``None``).

    :param coefficients: {position level: annual coefficient}
    """
    if position_type != FUNCTIONAL or position_level not in coefficients:
        return None, 0.0
    coefficient = coefficients[position_level]
    return coefficient, credit_points(predikat, coefficient, months)


def months_in_period(date_start: date, date_end: date) -> int:
    """Whole calendar months of an SKP's period: the months whose first day
    lies in it, plus the first month when the period starts on the 1st.

    A year's consecutive SKPs (1 January-14 July, 15 July-31 December) share
    its 12 months (7 + 5), each month counted once. At most 12.

    :raises ValueError: on inverted or missing dates
    """
    if not date_start or not date_end or date_start > date_end:
        raise ValueError(f"Invalid period: {date_start!r} to {date_end!r}")
    first_month = date_start.year * 12 + date_start.month - 1
    if date_start.day != 1:
        first_month += 1  # that month's first day belongs to the SKP before
    last_month = date_end.year * 12 + date_end.month - 1
    return max(0, min(MONTHS_IN_YEAR, last_month - first_month + 1))


@dataclass(frozen=True)
class SkpCredit:
    """The decided credit points of one validated SKP (a PAK line)."""

    employee: object
    year: int
    level: str | None
    points: float
    date_end: date | None = None


def year_totals(rows: Iterable[SkpCredit]) -> dict:
    """{(employee, year): {level: points}}: the year's credit points per
    employee, split by the level held (an officer promoted mid-year earns at
    two levels)."""
    totals = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if row.level:
            totals[row.employee, row.year][row.level] += row.points
    return {key: dict(levels) for key, levels in totals.items()}


def running_totals(rows: Iterable[SkpCredit]) -> dict:
    """{(employee, level): [(year, points of the year, cumulative)]}: the
    points accumulated at a level, year by year (BKN's "tabel akumulasi").
    A level's total starts at 0 when the officer reaches it."""
    by_level = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if row.level:
            by_level[row.employee, row.level][row.year] += row.points
    result = {}
    for key, years in by_level.items():
        cumulative, lines = 0.0, []
        for year in sorted(years):
            cumulative += years[year]
            lines.append((year, years[year], cumulative))
        result[key] = lines
    return result


def cumulative(
    rows: Iterable[SkpCredit], employee, level, up_to_year=None, since=None
) -> float:
    """Points accumulated by ``employee`` at ``level``: up to a year, and/or
    from the SKPs that end on or after ``since`` (the TMT pangkat: the points
    toward the next rank count from the current one)."""
    return sum(
        row.points
        for row in rows
        if row.employee == employee
        and row.level == level
        and (up_to_year is None or row.year <= up_to_year)
        and (since is None or (row.date_end and row.date_end >= since))
    )


def is_top_rank(level: str | None, rank_code: str | None) -> bool:
    """Whether ``rank_code`` is the highest rank of the JF ``level``: the
    next rank goes with the next level (kenaikan jenjang)."""
    ranks = RANKS_BY_LEVEL.get(level)
    return bool(ranks) and rank_code == ranks[-1]


def requirement(
    level: str | None,
    rank_code: str | None,
    rank_requirements: dict[str, float],
    level_requirements: dict[str, float],
) -> tuple[str, float] | None:
    """What the officer must accumulate next: ``("rank", points)`` for the
    next rank inside the level, ``("level", points)`` at the level's top rank
    (the next rank needs the next level), or ``None`` when nothing is next
    (Ahli Utama IV/e, Penyelia III/d) or the table has no figure.

    :param rank_requirements: {level: Angka Kredit Kumulatif for a rank}
    :param level_requirements: {level: Angka Kredit Kumulatif for the next
        level}
    """
    if level not in RANKS_BY_LEVEL:
        return None
    if is_top_rank(level, rank_code):
        if level not in NEXT_LEVEL or not level_requirements.get(level):
            return None
        return "level", level_requirements[level]
    if not rank_requirements.get(level):
        return None
    return "rank", rank_requirements[level]
