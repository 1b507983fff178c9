"""Evaluation periods of an appraisal cycle (periodic and annual evaluation).

Sources:

* PermenPANRB 6/2022 (Pengelolaan Kinerja Pegawai ASN), Pasal 11-12 and its
  Lampiran, as summarised in /work/shared/DOMAIN.md "The cycle": besides the
  annual evaluation the instansi holds periodic evaluations whose period it
  chooses: monthly, quarterly ("Triwulan I-IV") or by semester. The
  evaluation documents are titled by period ("TRIWULAN I/II/III/IV-AKHIR"):
  the last periodic evaluation and the annual one close the year together.
* DOMAIN.md "A year as it really happens" [S]: the periods are *calendar*
  periods: Triwulan I = January-March, Semester I = January-June, months are
  calendar months. BKN's technical briefing on Peraturan BKN 3/2023 counts
  periodic credit points in calendar months the same way ("Januari -
  Februari" = 2 months).

Rules implemented here:

* The periods are the calendar months, calendar quarters (January-March,
  April-June, July-September, October-December) or calendar semesters
  (January-June, July-December) that meet the cycle, whatever day the cycle
  starts on. A cycle that does not start on the first day of a calendar
  period gets a partial first period (from its start to the period's end);
  one that does not end on a period's last day gets a partial last period.
* A period keeps the name of its calendar period ("Triwulan II" is April-June
  even when it is a cycle's first period); when the cycle spans several
  calendar years the year is added ("Triwulan III 2026", "Juli 2026"). The
  stable ``code`` follows the calendar period too (``q2``, ``s1``, ``m07``,
  prefixed by the year on a cycle over several years: ``2026-q3``), so the
  check-ins of a calendar-year cycle keep their codes.
* The annual evaluation ("Tahunan") covers the year's results; it opens
  together with the last periodic period (e.g. Triwulan IV on 1 October) and
  ends with the cycle.
* The Dokumen Evaluasi Kinerja Pegawai is titled by its period in capitals;
  the last periodic evaluation of the cycle closes the year and is marked
  "-AKHIR" ("TRIWULAN IV-AKHIR", "SEMESTER II-AKHIR"); the annual one is
  "TAHUNAN".
* A submission is late when it is made after the period's end plus a grace
  period of a number of days (configurable per cycle, 0 by default: the
  grace is not fixed by the regulation).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MONTHLY = "monthly"
QUARTERLY = "quarterly"
SEMESTER = "semester"
PERIOD_MONTHS = {MONTHLY: 1, QUARTERLY: 3, SEMESTER: 6}

ANNUAL_CODE = "annual"
ANNUAL_NAME = "Tahunan"

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ROMAN = (
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


@dataclass(frozen=True)
class Period:
    """One evaluation period: ``code`` is stable, ``name`` is what users read."""

    sequence: int
    code: str
    name: str
    date_start: date
    date_end: date
    is_annual: bool = False

    def contains(self, day: date) -> bool:
        return self.date_start <= day <= self.date_end


def roman(number: int) -> str:
    """Roman numeral of a positive integer (period numbers: I, II, ... )."""
    if number < 1:
        raise ValueError(f"No roman numeral for {number!r}")
    result = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        result.append(letters * count)
    return "".join(result)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_cycle(date_start: date, date_end: date, period_type: str) -> None:
    if period_type not in PERIOD_MONTHS:
        raise ValueError(f"Unknown period type: {period_type!r}")
    if not date_start or not date_end or date_start > date_end:
        raise ValueError(f"Invalid cycle dates: {date_start!r} to {date_end!r}")


def _period_name(period_type, start, several_years):
    """The calendar name of the period that starts in ``start``'s block."""
    if period_type == MONTHLY:
        name = MONTH_NAMES[start.month - 1]
    elif period_type == QUARTERLY:
        name = f"Triwulan {roman(_block_number(start, QUARTERLY))}"
    else:
        name = f"Semester {roman(_block_number(start, SEMESTER))}"
    return f"{name} {start.year}" if several_years else name


def _block_number(day: date, period_type: str) -> int:
    """Number of the calendar block ``day`` lies in: month 1-12, quarter 1-4,
    semester 1-2."""
    return (day.month - 1) // PERIOD_MONTHS[period_type] + 1


def _period_code(period_type, day, several_years):
    number = _block_number(day, period_type)
    code = f"m{number:02d}" if period_type == MONTHLY else f"{period_type[0]}{number}"
    return f"{day.year}-{code}" if several_years else code


def calendar_block(day: date, period_type: str) -> tuple[date, date]:
    """First and last day of the calendar month, quarter or semester that
    ``day`` lies in."""
    if period_type not in PERIOD_MONTHS:
        raise ValueError(f"Unknown period type: {period_type!r}")
    months = PERIOD_MONTHS[period_type]
    first_month = (_block_number(day, period_type) - 1) * months + 1
    first = date(day.year, first_month, 1)
    return first, add_months(first, months) - timedelta(days=1)


def periodic_periods(date_start: date, date_end: date, period_type: str):
    """The periodic evaluation periods of a cycle, in order: the calendar
    periods that meet it, the first and the last cut at the cycle's dates.

    :raises ValueError: on an unknown period type or inverted dates
    """
    _check_cycle(date_start, date_end, period_type)
    # Calendar names alone are ambiguous when the cycle crosses a year boundary.
    several_years = date_start.year != date_end.year
    periods = []
    start = date_start
    while start <= date_end:
        block_end = calendar_block(start, period_type)[1]
        periods.append(
            Period(
                sequence=len(periods) + 1,
                code=_period_code(period_type, start, several_years),
                name=_period_name(period_type, start, several_years),
                date_start=start,
                date_end=min(block_end, date_end),
            )
        )
        start = block_end + timedelta(days=1)
    return periods


def annual_period(date_start: date, date_end: date, period_type: str) -> Period:
    """The annual evaluation: opens with the last period, ends with the cycle."""
    last = periodic_periods(date_start, date_end, period_type)[-1]
    return Period(
        sequence=last.sequence + 1,
        code=ANNUAL_CODE,
        name=ANNUAL_NAME,
        date_start=last.date_start,
        date_end=date_end,
        is_annual=True,
    )


def evaluation_periods(date_start: date, date_end: date, period_type: str):
    """Every evaluation of a cycle: the periodic ones, then the annual one."""
    return [
        *periodic_periods(date_start, date_end, period_type),
        annual_period(date_start, date_end, period_type),
    ]


def period_of(day: date, date_start: date, date_end: date, period_type: str):
    """The periodic period that ``day`` falls in, or None outside the cycle."""
    for period in periodic_periods(date_start, date_end, period_type):
        if period.contains(day):
            return period
    return None


def submission_deadline(period_end: date, grace_days: int = 0) -> date:
    """Last day on which a submission for the period is on time."""
    if grace_days < 0:
        raise ValueError(f"Negative grace period: {grace_days!r}")
    return period_end + timedelta(days=grace_days)


def is_late(submitted_on: date, period_end: date, grace_days: int = 0) -> bool:
    """Whether a submission made on ``submitted_on`` is late for the period."""
    return submitted_on > submission_deadline(period_end, grace_days)


def has_started(period: Period, today: date) -> bool:
    """Whether a period is open for submission on ``today``."""
    return today >= period.date_start


def document_period_title(period: Period, last_periodic_sequence: int) -> str:
    """The period as the Dokumen Evaluasi Kinerja Pegawai names it.

    ``last_periodic_sequence`` is the sequence of the cycle's last periodic
    period: that evaluation closes the year ("TRIWULAN IV-AKHIR").
    """
    title = period.name.upper()
    if not period.is_annual and period.sequence == last_periodic_sequence:
        title += "-AKHIR"
    return title
