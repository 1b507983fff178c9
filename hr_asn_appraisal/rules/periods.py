"""Evaluation periods of an appraisal cycle (periodic and annual evaluation).

Source: /work/shared/DOMAIN.md, "The cycle": besides the annual evaluation,
the instansi holds periodic evaluations whose period it chooses: monthly,
quarterly ("Triwulan I-IV") or by semester. The evaluation documents are
titled by period ("TRIWULAN I/II/III/IV-AKHIR"): the last periodic evaluation
and the annual one close the year together.

Rules implemented here:

* The periods are consecutive blocks of 1, 3 or 6 months counted from the
  cycle's start date; the last block is cut at the cycle's end date. For a
  calendar-year cycle this gives the twelve months, the four triwulan or the
  two semesters of the year.
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


def _period_name(period_type, index, start, several_years):
    if period_type == MONTHLY:
        name = MONTH_NAMES[start.month - 1]
        return f"{name} {start.year}" if several_years else name
    if period_type == QUARTERLY:
        return f"Triwulan {roman(index)}"
    return f"Semester {roman(index)}"


def periodic_periods(date_start: date, date_end: date, period_type: str):
    """The periodic evaluation periods of a cycle, in order.

    :raises ValueError: on an unknown period type or inverted dates
    """
    _check_cycle(date_start, date_end, period_type)
    months = PERIOD_MONTHS[period_type]
    # Month names alone are ambiguous when the cycle crosses a year boundary.
    several_years = date_start.year != date_end.year
    periods = []
    index = 1
    start = date_start
    while start <= date_end:
        next_start = add_months(date_start, index * months)
        end = min(next_start - timedelta(days=1), date_end)
        code = f"m{index:02d}" if period_type == MONTHLY else f"{period_type[0]}{index}"
        periods.append(
            Period(
                sequence=index,
                code=code,
                name=_period_name(period_type, index, start, several_years),
                date_start=start,
                date_end=end,
            )
        )
        index += 1
        start = next_start
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
