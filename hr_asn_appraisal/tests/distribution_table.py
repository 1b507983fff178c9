"""The table of DOMAIN.md ("Organisational rating and the distribution
curve"): for each organisational rating, the conditions on the unit's
predikat distribution, as ``(check type, predikats, percent)`` rows.

Plain data without any import, on purpose: the Odoo test of the shipped
rules (test_calibration) and the plain-pytest table test of
rules/distribution.py (tests/rules/ at the repository root, which loads this
file by its path) read the one copy of the regulation's expected values.
"""

SB, B, BP, K, SK = (
    "sangat_baik",
    "baik",
    "butuh_perbaikan",
    "kurang",
    "sangat_kurang",
)

DOMAIN_TABLE = {
    # Sangat Baik is the largest group, at most 70 %.
    "istimewa": [("largest", {SB}, 0), ("max_share", {SB}, 70)],
    # Baik is the largest group, at most 70 %; some Butuh Perbaikan and/or Kurang.
    "baik": [
        ("largest", {B}, 0),
        ("max_share", {B}, 70),
        ("required", {BP, K}, 0),
    ],
    # At least 60 % Butuh Perbaikan; Sangat Baik at most 10 %.
    "butuh_perbaikan": [("min_share", {BP}, 60), ("max_share", {SB}, 10)],
    # At least 60 % Kurang; at least 10 % Butuh Perbaikan; Sangat Baik at most 10 %.
    "kurang": [
        ("min_share", {K}, 60),
        ("min_share", {BP}, 10),
        ("max_share", {SB}, 10),
    ],
    # At least 60 % Sangat Kurang; at least 10 % Kurang and/or Butuh Perbaikan;
    # no Sangat Baik.
    "sangat_kurang": [
        ("min_share", {SK}, 60),
        ("min_share", {K, BP}, 10),
        ("max_share", {SB}, 0),
    ],
}
