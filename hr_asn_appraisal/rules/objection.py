"""The filing period of a keberatan (objection) against a validated SKP.

Source: /work/shared/DOMAIN.md, section "Who and what": the employee may object
to the result and the appraiser's superior decides; the decision is final.
The length of the filing period is not fixed by the sources we hold, so it is
configurable per cycle (default 14 days after the SKP is validated).
"""

import datetime

DEFAULT_OBJECTION_DAYS = 14


def objection_deadline(done_date: datetime.date, days: int) -> datetime.date:
    """The last day on which a keberatan can be filed.

    ``done_date`` is the (local) day the SKP was validated; the period counts
    ``days`` calendar days after it, so day ``done_date + days`` is still in.

    :raises ValueError: if ``days`` is negative
    """
    if days < 0:
        raise ValueError(f"The objection period cannot be negative: {days!r}")
    return done_date + datetime.timedelta(days=days)


def is_within_period(
    filing_date: datetime.date, done_date: datetime.date, days: int
) -> bool:
    """Whether a keberatan filed on ``filing_date`` is in time.

    A filing before the validation day cannot happen in practice (the SKP is
    not yet done); it is treated as in time.
    """
    return filing_date <= objection_deadline(done_date, days)
