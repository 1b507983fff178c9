"""Daily work log (laporan kinerja harian) and rencana aksi.

Source: /work/shared/DOMAIN.md, "What the seeds add": staff report their work
daily through a web application against the targets of their SKP, and the
supervisor answers fast; the period's realisasi is based on that evidence.
The regulation fixes neither the working days nor the reminder threshold
(DOMAIN.md [U]): both are parameters here, per-cycle configuration in the
models.

Rules implemented here:

* An entry is dated, never in the future, inside the cycle of the SKP it
  serves.
* A working day is a weekday (Monday to Friday by default) that is not a
  holiday. A gap is a run of working days without an entry, counted from the
  day after the last entry (or from the day logging became possible) up to
  yesterday: today is not over yet. A gap is identified by its first day, so
  that a reminder is sent once per gap however often the check runs.
* The roll-up of a period sums the entries' outputs per IKI: an entry that
  names its IKI counts for it; an entry that names only its RHK counts for the
  RHK's one IKI whose target unit is the entry's unit (case and spaces
  ignored). Entries that match no IKI, or several, are reported, not guessed.
"""

from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = frozenset(range(5))  # Monday (0) to Friday (4)


def check_entry_date(day: date, today: date, cycle_start: date, cycle_end: date):
    """Why an entry cannot be dated ``day``: a short reason code, or None.

    ``future`` after today, ``outside_cycle`` outside the SKP's cycle.
    """
    if day > today:
        return "future"
    if not cycle_start <= day <= cycle_end:
        return "outside_cycle"
    return None


def is_working_day(day: date, weekdays=WEEKDAYS, holidays=frozenset()) -> bool:
    return day.weekday() in weekdays and day not in holidays


def working_days(start: date, end: date, weekdays=WEEKDAYS, holidays=frozenset()):
    """The working days from ``start`` to ``end`` included, in order."""
    days = []
    day = start
    while day <= end:
        if is_working_day(day, weekdays, holidays):
            days.append(day)
        day += timedelta(days=1)
    return days


def log_gap(
    last_entry: date | None,
    logging_start: date,
    today: date,
    threshold: int,
    weekdays=WEEKDAYS,
    holidays=frozenset(),
):
    """The first day of the current gap when it reaches ``threshold`` working
    days, else None.

    ``logging_start`` is the first day on which an entry was possible (e.g. the
    approval of the SKP or the start of the cycle); the count runs from the day
    after ``last_entry`` (or from ``logging_start``) to yesterday. A threshold
    of 0 or less turns the check off.
    """
    if threshold <= 0:
        return None
    start = logging_start
    if last_entry and last_entry + timedelta(days=1) > start:
        start = last_entry + timedelta(days=1)
    missed = working_days(start, today - timedelta(days=1), weekdays, holidays)
    if len(missed) >= threshold:
        return missed[0]
    return None


def _unit_key(unit):
    return " ".join((unit or "").split()).casefold()


@dataclass(frozen=True)
class IkiTarget:
    iki_id: int
    rhk_id: int
    unit: str | None


@dataclass(frozen=True)
class OutputSum:
    """Outputs of a period's entries, already summed by RHK, IKI and unit."""

    rhk_id: int
    iki_id: int | None
    unit: str | None
    quantity: float
    count: int = 1


def rollup(outputs, ikis):
    """Realisasi proposed per IKI from summed log outputs.

    :param outputs: iterable of OutputSum
    :param ikis: iterable of IkiTarget (the IKI of the check-in)
    :return: ({iki_id: quantity}, [OutputSum not counted])
    """
    ikis = list(ikis)
    known = {iki.iki_id for iki in ikis}
    by_rhk_unit = {}
    for iki in ikis:
        by_rhk_unit.setdefault((iki.rhk_id, _unit_key(iki.unit)), []).append(iki)
    totals = {iki.iki_id: 0.0 for iki in ikis}
    unmatched = []
    for output in outputs:
        if output.iki_id:
            target = output.iki_id if output.iki_id in known else None
        else:
            matches = by_rhk_unit.get((output.rhk_id, _unit_key(output.unit)), [])
            target = matches[0].iki_id if len(matches) == 1 else None
        if target is None:
            unmatched.append(output)
        else:
            totals[target] += output.quantity
    return totals, unmatched
