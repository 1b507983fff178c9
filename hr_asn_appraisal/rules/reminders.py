"""Which reminders an SKP needs today, and to whom.

PermenPANRB 6/2022 sets the stages (planning, approval, rating) but not the
reminder calendar: the day counts are per-cycle configuration (DOMAIN.md [U]).

Roles: ``employee`` drafts, ``appraiser`` approves and rates,
``appraiser_parent`` (the appraiser's superior) receives escalations.
"""

from dataclasses import dataclass
from datetime import date, timedelta

DEADLINE_NEAR = "deadline_near"
DRAFT_OVERDUE = "draft_overdue"
APPROVAL_DUE = "approval_due"
APPROVAL_OVERDUE = "approval_overdue"
RATING_DUE = "rating_due"
RATING_OVERDUE = "rating_overdue"


@dataclass(frozen=True)
class ReminderPolicy:
    days_before_deadline: int = 7
    approval_days: int = 7
    escalation_days: int = 14


@dataclass(frozen=True)
class SkpFacts:
    state: str
    filing_deadline: date | None
    cycle_end: date
    submitted_on: date | None = None


def due_reminders(facts, today, policy=None):
    """List of (kind, role) reminders due for an SKP on ``today``.

    - draft: the employee from ``days_before_deadline`` before the filing
      deadline; once it has passed, the employee and (as escalation) the
      appraiser.
    - submitted: the appraiser once it has waited ``approval_days``; the
      appraiser's superior once it has waited ``escalation_days``.
    - approved: the appraiser from the cycle's end (rating time); the
      appraiser's superior ``escalation_days`` after it.
    """
    policy = policy or ReminderPolicy()
    due = []
    if facts.state == "draft" and facts.filing_deadline:
        if today > facts.filing_deadline:
            due += [(DRAFT_OVERDUE, "employee"), (DRAFT_OVERDUE, "appraiser")]
        elif today >= facts.filing_deadline - timedelta(
            days=policy.days_before_deadline
        ):
            due.append((DEADLINE_NEAR, "employee"))
    elif facts.state == "submitted" and facts.submitted_on:
        waited = (today - facts.submitted_on).days
        if waited >= policy.escalation_days:
            due += [
                (APPROVAL_OVERDUE, "appraiser"),
                (APPROVAL_OVERDUE, "appraiser_parent"),
            ]
        elif waited >= policy.approval_days:
            due.append((APPROVAL_DUE, "appraiser"))
    elif facts.state == "approved" and today >= facts.cycle_end:
        late = (today - facts.cycle_end).days
        if late >= policy.escalation_days:
            due += [(RATING_OVERDUE, "appraiser"), (RATING_OVERDUE, "appraiser_parent")]
        else:
            due.append((RATING_DUE, "appraiser"))
    return due


CHECKIN_DUE = "checkin_due"
CHECKIN_OVERDUE = "checkin_overdue"
CHECKIN_REVIEW_DUE = "checkin_review_due"
CHECKIN_REVIEW_OVERDUE = "checkin_review_overdue"


@dataclass(frozen=True)
class CheckinFacts:
    state: str
    period_end: date
    deadline: date
    submitted_on: date | None = None


def due_checkin_reminders(facts, today, policy=None):
    """List of (kind, role) reminders due for a periodic evaluation on ``today``.

    - draft: the employee from ``days_before_deadline`` before the period
      ends; once the deadline has passed, the employee and (as escalation)
      the appraiser.
    - submitted: the appraiser once it has waited ``approval_days`` for
      review; the appraiser's superior once it has waited ``escalation_days``.
    """
    policy = policy or ReminderPolicy()
    due = []
    if facts.state == "draft":
        if today > facts.deadline:
            due += [(CHECKIN_OVERDUE, "employee"), (CHECKIN_OVERDUE, "appraiser")]
        elif today >= facts.period_end - timedelta(days=policy.days_before_deadline):
            due.append((CHECKIN_DUE, "employee"))
    elif facts.state == "submitted" and facts.submitted_on:
        waited = (today - facts.submitted_on).days
        if waited >= policy.escalation_days:
            due += [
                (CHECKIN_REVIEW_OVERDUE, "appraiser"),
                (CHECKIN_REVIEW_OVERDUE, "appraiser_parent"),
            ]
        elif waited >= policy.approval_days:
            due.append((CHECKIN_REVIEW_DUE, "appraiser"))
    return due
