import datetime
from unittest import TestCase

from asn_rules import training_eligibility as eligibility
from asn_rules import training_relevance as relevance

TODAY = datetime.date(2026, 6, 15)
ALL_PREDIKATS = {"sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"}


def _inputs(**overrides):
    """An eligible PNS request; each case overrides what it tests."""
    values = {
        "predikat": "baik",
        "allowed_predikats": ALL_PREDIKATS,
        "seats": 20,
        "seats_taken": 0,
        "date_start": datetime.date(2026, 7, 1),
        "date_end": datetime.date(2026, 7, 3),
        "today": TODAY,
        "asn_type": "pns",
        "jp_taken": 0,
        "jp_program": 16,
    }
    values.update(overrides)
    return values


class TestRulesTrainingEligibility(TestCase):
    def test_eligibility_table(self):
        # Expected values from DOMAIN.md, "Follow-up (tindak lanjut)": PNS at
        # least 20 JP a year (a minimum: no cap); PPPK at most 24 JP per
        # contract year. Seats and dates are the programme's own limits.
        cases = [
            # (label, overrides, expected code or None)
            ("eligible PNS", {}, None),
            ("eligible PPPK", {"asn_type": "pppk"}, None),
            ("non-ASN", {"asn_type": "non_asn"}, "not_asn"),
            (
                "predikat not allowed",
                {"predikat": "kurang", "allowed_predikats": {"sangat_baik", "baik"}},
                "predikat_not_allowed",
            ),
            ("no predikat", {"predikat": None}, "predikat_not_allowed"),
            ("nothing allowed", {"allowed_predikats": set()}, "predikat_not_allowed"),
            ("starts tomorrow", {"date_start": datetime.date(2026, 6, 16)}, None),
            (
                "starts today",
                {"date_start": TODAY, "date_end": datetime.date(2026, 6, 20)},
                "program_started",
            ),
            (
                "running",
                {
                    "date_start": datetime.date(2026, 6, 1),
                    "date_end": datetime.date(2026, 6, 30),
                },
                "program_started",
            ),
            (
                "ended",
                {
                    "date_start": datetime.date(2026, 5, 1),
                    "date_end": datetime.date(2026, 5, 3),
                },
                "program_ended",
            ),
            ("one seat left", {"seats": 20, "seats_taken": 19}, None),
            ("no seat left", {"seats": 20, "seats_taken": 20}, "no_seats"),
            ("overbooked", {"seats": 2, "seats_taken": 3}, "no_seats"),
            ("unlimited seats", {"seats": 0, "seats_taken": 500}, None),
            # PPPK: at most 24 JP per contract year.
            ("PPPK 8 + 16 = 24", {"asn_type": "pppk", "jp_taken": 8}, None),
            ("PPPK 9 + 16 = 25", {"asn_type": "pppk", "jp_taken": 9}, "jp_cap"),
            ("PPPK 0 + 24", {"asn_type": "pppk", "jp_program": 24}, None),
            ("PPPK 0 + 25", {"asn_type": "pppk", "jp_program": 25}, "jp_cap"),
            (
                "PPPK 24 + 1",
                {"asn_type": "pppk", "jp_taken": 24, "jp_program": 1},
                "jp_cap",
            ),
            # PNS: 20 JP is a minimum, never a cap.
            ("PNS 20 + 16", {"jp_taken": 20}, None),
            ("PNS 100 + 80", {"jp_taken": 100, "jp_program": 80}, None),
        ]
        for label, overrides, expected in cases:
            with self.subTest(label):
                refusal = eligibility.check_eligibility(**_inputs(**overrides))
                self.assertEqual(refusal and refusal.code, expected)

    def test_first_failing_rule_wins(self):
        """Checks run in a fixed order: ASN, predikat, dates, seats, JP."""
        everything_wrong = _inputs(
            asn_type="pppk",
            predikat="kurang",
            allowed_predikats={"baik"},
            date_start=datetime.date(2026, 5, 1),
            date_end=datetime.date(2026, 5, 3),
            seats=1,
            seats_taken=1,
            jp_taken=24,
        )
        self.assertEqual(
            eligibility.check_eligibility(**everything_wrong).code,
            "predikat_not_allowed",
        )
        everything_wrong["allowed_predikats"] = {"kurang"}
        self.assertEqual(
            eligibility.check_eligibility(**everything_wrong).code, "program_ended"
        )
        everything_wrong["date_start"] = datetime.date(2026, 7, 1)
        everything_wrong["date_end"] = datetime.date(2026, 7, 2)
        self.assertEqual(
            eligibility.check_eligibility(**everything_wrong).code, "no_seats"
        )
        everything_wrong["seats"] = 0
        self.assertEqual(
            eligibility.check_eligibility(**everything_wrong).code, "jp_cap"
        )

    def test_refusal_params(self):
        """A refusal carries what the message needs."""
        refusal = eligibility.check_eligibility(
            **_inputs(asn_type="pppk", jp_taken=16, jp_program=12)
        )
        self.assertEqual(
            refusal.params,
            {"cap": 24, "jp_taken": 16, "jp_program": 12, "jp_left": 8},
        )
        refusal = eligibility.check_eligibility(**_inputs(seats=5, seats_taken=5))
        self.assertEqual(refusal.params, {"seats": 5, "seats_taken": 5})
        refusal = eligibility.check_eligibility(
            **_inputs(predikat="kurang", allowed_predikats={"baik", "sangat_baik"})
        )
        self.assertEqual(
            refusal.params,
            {"predikat": "kurang", "allowed": ("baik", "sangat_baik")},
        )

    def test_jp_caps(self):
        self.assertEqual(eligibility.jp_cap_for("pppk"), 24)
        self.assertIsNone(eligibility.jp_cap_for("pns"))
        self.assertEqual(eligibility.PNS_JP_MINIMUM, 20)


class TestRulesTrainingRelevance(TestCase):
    def test_weaker_areas(self):
        # A rating is a gap when it is Di Bawah Ekspektasi or the weaker one.
        cases = [
            ("as_expected", "as_expected", set()),
            ("above", "above", set()),
            ("below", "below", {"work", "behaviour"}),
            ("below", "as_expected", {"work"}),
            ("below", "above", {"work"}),
            ("as_expected", "below", {"behaviour"}),
            ("above", "below", {"behaviour"}),
            ("above", "as_expected", {"behaviour"}),
            ("as_expected", "above", {"work"}),
            (None, None, set()),
        ]
        for work, behaviour, expected in cases:
            with self.subTest(work=work, behaviour=behaviour):
                self.assertEqual(relevance.weaker_areas(work, behaviour), expected)

    def test_relevance_score(self):
        # Open to the predikat: 100; each gap addressed: +10.
        cases = [
            # (predikat, allowed, work, behaviour, category, develops values, score)
            (
                "kurang",
                ALL_PREDIKATS,
                "as_expected",
                "below",
                "socio_cultural",
                True,
                110,
            ),
            ("kurang", ALL_PREDIKATS, "as_expected", "below", "technical", False, 100),
            ("kurang", {"baik"}, "as_expected", "below", "socio_cultural", True, 10),
            (
                "butuh_perbaikan",
                ALL_PREDIKATS,
                "below",
                "as_expected",
                "technical",
                False,
                110,
            ),
            (
                "butuh_perbaikan",
                ALL_PREDIKATS,
                "below",
                "as_expected",
                "managerial",
                True,
                100,
            ),
            ("sangat_kurang", ALL_PREDIKATS, "below", "below", "functional", True, 120),
            (
                "baik",
                ALL_PREDIKATS,
                "as_expected",
                "as_expected",
                "technical",
                True,
                100,
            ),
            (
                "baik",
                {"sangat_baik"},
                "as_expected",
                "as_expected",
                "technical",
                True,
                0,
            ),
        ]
        for predikat, allowed, work, behaviour, category, develops, expected in cases:
            with self.subTest(predikat=predikat, category=category):
                self.assertEqual(
                    relevance.relevance_score(
                        predikat=predikat,
                        allowed_predikats=allowed,
                        work_rating=work,
                        behavior_rating=behaviour,
                        category=category,
                        develops_behavior=develops,
                    ),
                    expected,
                )

    def test_sort_key(self):
        """Most relevant first, then the earliest start."""
        rows = [
            ("late relevant", 110, datetime.date(2026, 9, 1)),
            ("not allowed", 10, datetime.date(2026, 7, 1)),
            ("early allowed", 100, datetime.date(2026, 7, 1)),
            ("early relevant", 110, datetime.date(2026, 8, 1)),
            ("later allowed", 100, datetime.date(2026, 8, 1)),
        ]
        ordered = sorted(
            rows, key=lambda row: relevance.relevance_sort_key(row[1], row[2], row[0])
        )
        self.assertEqual(
            [row[0] for row in ordered],
            [
                "early relevant",
                "late relevant",
                "early allowed",
                "later allowed",
                "not allowed",
            ],
        )
