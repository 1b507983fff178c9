"""The year's result of an employee who held several SKPs in one cycle.

A civil servant keeps one SKP per position held: when the position, unit or
appraiser changes during the year (mutasi, rotasi, promosi), the running SKP is
closed with what was achieved so far and rated by its own appraiser, and a new
SKP starts at the new place for the rest of the year. Sources:

- BKN / regional practice of "menutup SKP" on a transfer: the SKP's targets
  are cut to the months served, the old superior rates it, then a new SKP is
  made at the new place ("Panduan Menutup SKP Mutasi / Pindah Data Jabatan",
  https://id.scribd.com/document/460847613/ , a regional SIMPEG guide) [S].
- e-Kinerja BKN sets a "Periode SKP" on each SKP (Buku Panduan Aplikasi
  e-Kinerja BKN 2022, summarised at
  https://gtkpaudkotabkl.blogspot.com/ , "Form Setting Periode SKP") [S].
- SIASN takes one annual record per employee and year (``skp22/save``:
  ``tahun`` with one predikat and one appraiser, DOMAIN.md "BKN's systems")
  [C, unofficial].

How the year's predikat follows from two SKPs is written nowhere we could
find (PermenPANRB 6/2022 and the BKN guidance searched: no rule). It is
therefore a per-cycle setting with three methods:

- ``last`` (default): the predikat of the SKP that ends last. It matches the
  one annual SIASN record, which names one appraiser: the last one.
- ``weighted``: the predikat scores (Sangat Baik 5 ... Sangat Kurang 1, the
  SIASN kuadran order) weighted by the months of each SKP, rounded half up
  (a tie goes to the better predikat).
- ``longest``: the predikat of the SKP with the most months (a tie goes to
  the later one).

Months of an SKP (``months_in_period``) are counted as for the credit
points (rules/credit.py): the calendar months whose first day lies in the
SKP's period. How a part-month counts is [U]: PermenPANRB 6/2022 and
Peraturan BKN 3/2023 prorate by months without saying; one count serves the
months served, the year's weighting and the credit points, so that the
SKPs of a year always add up to its 12 months.
"""

import datetime
from dataclasses import dataclass

from . import credit as credit_rules
from .predikat import PREDIKATS

LAST = "last"
WEIGHTED = "weighted"
LONGEST = "longest"
METHODS = (LAST, WEIGHTED, LONGEST)
DEFAULT_METHOD = LAST

# Sangat Baik 5 ... Sangat Kurang 1 (PREDIKATS is best first).
SCORES = {code: len(PREDIKATS) - index for index, code in enumerate(PREDIKATS)}
BY_SCORE = {score: code for code, score in SCORES.items()}
MONTHS_IN_YEAR = 12


@dataclass(frozen=True)
class SkpResult:
    """One SKP of the year: its period and its (decided) predikat."""

    date_start: datetime.date
    date_end: datetime.date
    predikat: str | None


def months_in_period(date_start, date_end):
    """Calendar months of an SKP's period, 0 for a missing or inverted one.

    The same count as the credit points (rules/credit.py
    ``months_in_period``): the months whose first day lies in the period, so
    that a year's consecutive SKPs share its 12 months, each month counted
    once (1 January-14 July: 7, 15 July-31 December: 5).

    >>> months_in_period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    6
    """
    if not date_start or not date_end or date_end < date_start:
        return 0
    return credit_rules.months_in_period(date_start, date_end)


def year_predikat(skps, method=DEFAULT_METHOD):
    """The year's predikat from the employee's SKPs of one cycle.

    ``skps``: SkpResult of the SKPs that count (not cancelled). Returns None
    when there is none, or while one of them has no predikat yet: the year is
    decided only once every SKP of it is.
    """
    if method not in METHODS:
        raise ValueError(f"unknown year's result method: {method!r}")
    skps = list(skps)
    if not skps or any(not skp.predikat for skp in skps):
        return None
    ordered = sorted(skps, key=lambda skp: (skp.date_end, skp.date_start))
    if method == LAST:
        return ordered[-1].predikat
    months = [months_in_period(skp.date_start, skp.date_end) for skp in ordered]
    if method == LONGEST:
        best = max(range(len(ordered)), key=lambda index: (months[index], index))
        return ordered[best].predikat
    total = sum(months)
    if not total:
        return ordered[-1].predikat
    weighted = sum(
        SCORES[skp.predikat] * m for skp, m in zip(ordered, months, strict=True)
    )
    # Half up, in integers: round(weighted / total) would round half to even.
    score = (2 * weighted + total) // (2 * total)
    return BY_SCORE[min(max(score, 1), len(PREDIKATS))]
