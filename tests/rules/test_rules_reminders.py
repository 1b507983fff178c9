from datetime import date
from unittest import TestCase

from asn_rules.reminders import (
    CheckinFacts,
    ReminderPolicy,
    SkpFacts,
    due_checkin_reminders,
    due_reminders,
)

POLICY = ReminderPolicy(days_before_deadline=7, approval_days=7, escalation_days=14)
DEADLINE = date(2026, 1, 31)
CYCLE_END = date(2026, 12, 31)


class TestRulesReminders(TestCase):
    def test_due_reminders(self):
        cases = [
            # (state, submitted_on, today, expected)
            ("draft", None, date(2026, 1, 23), []),
            ("draft", None, date(2026, 1, 24), [("deadline_near", "employee")]),
            ("draft", None, date(2026, 1, 31), [("deadline_near", "employee")]),
            (
                "draft",
                None,
                date(2026, 2, 1),
                [("draft_overdue", "employee"), ("draft_overdue", "appraiser")],
            ),
            ("submitted", date(2026, 1, 10), date(2026, 1, 16), []),
            (
                "submitted",
                date(2026, 1, 10),
                date(2026, 1, 17),
                [("approval_due", "appraiser")],
            ),
            (
                "submitted",
                date(2026, 1, 10),
                date(2026, 1, 24),
                [
                    ("approval_overdue", "appraiser"),
                    ("approval_overdue", "appraiser_parent"),
                ],
            ),
            ("approved", None, date(2026, 12, 30), []),
            ("approved", None, date(2026, 12, 31), [("rating_due", "appraiser")]),
            (
                "approved",
                None,
                date(2027, 1, 14),
                [
                    ("rating_overdue", "appraiser"),
                    ("rating_overdue", "appraiser_parent"),
                ],
            ),
            ("rated", None, date(2027, 3, 1), []),
            ("done", None, date(2027, 3, 1), []),
        ]
        for state, submitted_on, today, expected in cases:
            with self.subTest(state=state, today=today):
                facts = SkpFacts(state, DEADLINE, CYCLE_END, submitted_on)
                self.assertEqual(due_reminders(facts, today, POLICY), expected)

    def test_no_deadline_no_draft_reminder(self):
        facts = SkpFacts("draft", None, CYCLE_END)
        self.assertEqual(due_reminders(facts, date(2026, 6, 1), POLICY), [])


class TestRulesCheckinReminders(TestCase):
    def test_due_checkin_reminders(self):
        end = date(2026, 3, 31)
        deadline = date(2026, 4, 5)
        cases = [
            ("draft", None, date(2026, 3, 23), []),
            ("draft", None, date(2026, 3, 24), [("checkin_due", "employee")]),
            ("draft", None, date(2026, 4, 5), [("checkin_due", "employee")]),
            (
                "draft",
                None,
                date(2026, 4, 6),
                [("checkin_overdue", "employee"), ("checkin_overdue", "appraiser")],
            ),
            ("submitted", date(2026, 4, 1), date(2026, 4, 7), []),
            (
                "submitted",
                date(2026, 4, 1),
                date(2026, 4, 8),
                [("checkin_review_due", "appraiser")],
            ),
            (
                "submitted",
                date(2026, 4, 1),
                date(2026, 4, 15),
                [
                    ("checkin_review_overdue", "appraiser"),
                    ("checkin_review_overdue", "appraiser_parent"),
                ],
            ),
            ("reviewed", date(2026, 4, 1), date(2026, 5, 1), []),
        ]
        for state, submitted_on, today, expected in cases:
            with self.subTest(state=state, today=today):
                facts = CheckinFacts(state, end, deadline, submitted_on)
                self.assertEqual(due_checkin_reminders(facts, today, POLICY), expected)
