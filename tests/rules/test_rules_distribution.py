from unittest import TestCase

from asn_distribution_table import BP, DOMAIN_TABLE, SB, SK, B, K
from asn_rules import distribution
from asn_rules.distribution import LARGEST, MAX_SHARE, MIN_SHARE, REQUIRED, Check

# The DOMAIN.md table (one copy, shared with the addon's Odoo test of the
# shipped rules: hr_asn_appraisal/tests/distribution_table.py) as checks.
DOMAIN_RULES = {
    org_rating: [Check(*row) for row in rows]
    for org_rating, rows in DOMAIN_TABLE.items()
}


class TestRulesDistribution(TestCase):
    def _breaches(self, org_rating, counts):
        return [
            (b.code, b.predikats, b.count, b.total)
            for b in distribution.check_distribution(DOMAIN_RULES[org_rating], counts)
        ]

    def test_domain_table(self):
        # (org rating, counts per predikat, expected breaches as
        #  (check, predikat, count, total))
        cases = [
            # Istimewa
            ("istimewa", {SB: 6, B: 4}, []),
            ("istimewa", {SB: 7, B: 3}, []),  # exactly 70 %
            ("istimewa", {SB: 8, B: 2}, [(MAX_SHARE, (SB,), 8, 10)]),
            ("istimewa", {SB: 10}, [(MAX_SHARE, (SB,), 10, 10)]),
            ("istimewa", {SB: 3, B: 5, BP: 2}, [(LARGEST, (SB,), 3, 10)]),
            ("istimewa", {SB: 4, B: 4, BP: 2}, []),  # a tie is accepted
            # Baik
            ("baik", {SB: 2, B: 6, BP: 1, K: 1}, []),
            ("baik", {SB: 2, B: 7, BP: 1}, []),  # exactly 70 %
            ("baik", {SB: 3, B: 6, K: 1}, []),
            ("baik", {B: 8, BP: 2}, [(MAX_SHARE, (B,), 8, 10)]),
            ("baik", {SB: 4, B: 6}, [(REQUIRED, (BP, K), 0, 10)]),
            ("baik", {SB: 5, B: 3, BP: 2}, [(LARGEST, (B,), 3, 10)]),
            (
                "baik",
                {B: 10},
                [(MAX_SHARE, (B,), 10, 10), (REQUIRED, (BP, K), 0, 10)],
            ),
            # Butuh Perbaikan
            ("butuh_perbaikan", {BP: 6, B: 3, SB: 1}, []),
            ("butuh_perbaikan", {BP: 12, B: 7, SB: 1}, []),  # exactly 60 %
            ("butuh_perbaikan", {BP: 5, B: 4, SB: 1}, [(MIN_SHARE, (BP,), 5, 10)]),
            ("butuh_perbaikan", {BP: 6, B: 2, SB: 2}, [(MAX_SHARE, (SB,), 2, 10)]),
            # Kurang
            ("kurang", {K: 6, BP: 1, B: 2, SB: 1}, []),
            ("kurang", {K: 6, B: 4}, [(MIN_SHARE, (BP,), 0, 10)]),
            (
                "kurang",
                {K: 5, BP: 1, B: 2, SB: 2},
                [(MIN_SHARE, (K,), 5, 10), (MAX_SHARE, (SB,), 2, 10)],
            ),
            # Sangat Kurang
            ("sangat_kurang", {SK: 6, K: 1, B: 3}, []),
            ("sangat_kurang", {SK: 6, BP: 1, B: 3}, []),
            ("sangat_kurang", {SK: 5, K: 5}, [(MIN_SHARE, (SK,), 5, 10)]),
            (
                "sangat_kurang",
                {SK: 6, B: 3, SB: 1},
                [(MIN_SHARE, (BP, K), 0, 10), (MAX_SHARE, (SB,), 1, 10)],
            ),
        ]
        for org_rating, counts, expected in cases:
            with self.subTest(org_rating=org_rating, counts=counts):
                self.assertEqual(self._breaches(org_rating, counts), expected)

    def test_breach_numbers(self):
        """A breach carries the limit, the share and who outnumbers whom."""
        (breach,) = distribution.check_distribution(
            DOMAIN_RULES["istimewa"], {SB: 3, B: 5, BP: 2}
        )
        self.assertEqual(breach.larger, (B,))
        self.assertAlmostEqual(breach.share, 30.0)
        (breach,) = distribution.check_distribution(
            DOMAIN_RULES["butuh_perbaikan"], {BP: 5, B: 4, SB: 1}
        )
        self.assertEqual(breach.percent, 60)
        self.assertAlmostEqual(breach.share, 50.0)

    def test_no_rated_skp_breaches_nothing(self):
        for org_rating, checks in DOMAIN_RULES.items():
            with self.subTest(org_rating=org_rating):
                self.assertEqual(distribution.check_distribution(checks, {}), [])

    def test_shares(self):
        self.assertEqual(
            distribution.shares({SB: 1, B: 3}),
            {SB: 25.0, B: 75.0, BP: 0.0, K: 0.0, SK: 0.0},
        )
        self.assertEqual(distribution.shares({})[SB], 0.0)

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            Check("most", {SB})
        with self.assertRaises(ValueError):
            Check(MAX_SHARE, set(), 10)
        with self.assertRaises(ValueError):
            Check(MAX_SHARE, {"cukup"}, 10)
        with self.assertRaises(ValueError):
            Check(MAX_SHARE, {SB}, 110)
        with self.assertRaises(ValueError):
            distribution.check_distribution(DOMAIN_RULES["baik"], {"cukup": 1})
        with self.assertRaises(ValueError):
            distribution.check_distribution(DOMAIN_RULES["baik"], {B: -1})

    def test_share_ranges(self):
        """The bars' allowed ranges come from the checks on one predikat only."""
        ranges = distribution.share_ranges(DOMAIN_RULES["kurang"])
        self.assertEqual(ranges[K], distribution.ShareRange(60.0, 100.0))
        self.assertEqual(ranges[BP], distribution.ShareRange(10.0, 100.0))
        self.assertEqual(ranges[SB], distribution.ShareRange(0.0, 10.0))
        self.assertEqual(ranges[B], distribution.ShareRange(0.0, 100.0))
        ranges = distribution.share_ranges(DOMAIN_RULES["baik"])
        self.assertEqual(ranges[B], distribution.ShareRange(0.0, 70.0, largest=True))
        # "some Butuh Perbaikan and/or Kurang" bounds no single bar
        self.assertEqual(ranges[BP], distribution.ShareRange())
        self.assertEqual(ranges[K], distribution.ShareRange())
        # the tightest of several limits wins
        ranges = distribution.share_ranges(
            [
                Check(MAX_SHARE, {SB}, 50),
                Check(MAX_SHARE, {SB}, 30),
                Check(MIN_SHARE, {SB}, 5),
            ]
        )
        self.assertEqual(ranges[SB], distribution.ShareRange(5.0, 30.0))
        self.assertEqual(
            distribution.share_ranges([]),
            {p: distribution.ShareRange() for p in (SB, B, BP, K, SK)},
        )
