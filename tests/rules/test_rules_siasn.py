from dataclasses import replace
from unittest import TestCase

from asn_rules import siasn

# The reference codes as DOMAIN.md ("BKN's systems") lists them [U, inferred]:
# ratings 1 = di atas, 2 = sesuai, 3 = di bawah ekspektasi; kuadran 1 Sangat
# Baik ... 5 Sangat Kurang. Written here from DOMAIN.md, not from the data file.
CODES = {
    ("rating", "above"): "1",
    ("rating", "as_expected"): "2",
    ("rating", "below"): "3",
    ("kuadran", "sangat_baik"): "1",
    ("kuadran", "baik"): "2",
    ("kuadran", "butuh_perbaikan"): "3",
    ("kuadran", "kurang"): "4",
    ("kuadran", "sangat_kurang"): "5",
}

FACTS = siasn.SkpFacts(
    year=2026,
    employee_nip="199001012015031003",
    employee_siasn_id="A8ACA7A0-1234-4F11-E050-640A3C0A6B7D",
    work_rating="above",
    behavior_rating="as_expected",
    predikat="baik",
    appraiser_name="Kepala Bidang",
    appraiser_nip="197505052000032002",
    appraiser_golongan="III/d",
    appraiser_position="Kepala Bidang Kepegawaian",
    appraiser_unit="Bidang Kepegawaian",
    appraiser_is_asn=True,
)


class TestRulesSiasnPayload(TestCase):
    def test_payload_shape(self):
        # The skp22/save fields listed in DOMAIN.md, with id null for a new one.
        self.assertEqual(
            siasn.skp_payload(FACTS, CODES),
            {
                "id": None,
                "tahun": 2026,
                "hasilKinerjaNilai": 1,
                "perilakuKerjaNilai": 2,
                "kuadranKinerjaNilai": 2,
                "penilaiNama": "Kepala Bidang",
                "penilaiNipNrp": "197505052000032002",
                "penilaiGolongan": "III/d",
                "penilaiJabatan": "Kepala Bidang Kepegawaian",
                "penilaiUnorNama": "Bidang Kepegawaian",
                "pnsDinilaiOrang": "A8ACA7A0-1234-4F11-E050-640A3C0A6B7D",
                "statusPenilai": "ASN",
            },
        )

    def test_ratings_and_kuadran_codes(self):
        cases = [
            # work, behaviour, predikat -> hasil, perilaku, kuadran
            ("above", "above", "sangat_baik", 1, 1, 1),
            ("as_expected", "as_expected", "baik", 2, 2, 2),
            ("below", "above", "butuh_perbaikan", 3, 1, 3),
            ("as_expected", "below", "kurang", 2, 3, 4),
            ("below", "below", "sangat_kurang", 3, 3, 5),
        ]
        for work, behavior, predikat, hasil, perilaku, kuadran in cases:
            with self.subTest(predikat=predikat):
                facts = replace(
                    FACTS,
                    work_rating=work,
                    behavior_rating=behavior,
                    predikat=predikat,
                )
                payload = siasn.skp_payload(facts, CODES)
                self.assertEqual(
                    (
                        payload["hasilKinerjaNilai"],
                        payload["perilakuKerjaNilai"],
                        payload["kuadranKinerjaNilai"],
                    ),
                    (hasil, perilaku, kuadran),
                )

    def test_codes_are_data(self):
        # HR corrected a code: the payload follows the table.
        codes = {**CODES, ("kuadran", "baik"): "7"}
        self.assertEqual(siasn.skp_payload(FACTS, codes)["kuadranKinerjaNilai"], 7)

    def test_status_penilai(self):
        cases = [(True, "ASN"), (False, "NON ASN")]
        for is_asn, expected in cases:
            with self.subTest(is_asn=is_asn):
                facts = replace(FACTS, appraiser_is_asn=is_asn)
                self.assertEqual(
                    siasn.skp_payload(facts, CODES)["statusPenilai"], expected
                )

    def test_non_asn_appraiser_without_nip(self):
        facts = replace(FACTS, appraiser_is_asn=False, appraiser_nip=None)
        payload = siasn.skp_payload(facts, CODES)
        self.assertEqual(payload["penilaiNipNrp"], "")
        self.assertEqual(payload["statusPenilai"], "NON ASN")

    def test_remote_id_updates(self):
        facts = replace(FACTS, remote_id="abc-123")
        self.assertEqual(siasn.skp_payload(facts, CODES)["id"], "abc-123")

    def test_missing_data(self):
        cases = [
            ({"employee_siasn_id": None}, "missing_siasn_id"),
            ({"employee_siasn_id": "  "}, "missing_siasn_id"),
            ({"year": None}, "missing_year"),
            ({"work_rating": None}, "missing_work_rating"),
            ({"behavior_rating": False}, "missing_behavior_rating"),
            ({"predikat": None}, "missing_predikat"),
            ({"appraiser_name": ""}, "missing_appraiser_name"),
            ({"appraiser_nip": None}, "missing_appraiser_nip"),
        ]
        for changes, code in cases:
            with self.subTest(code=code, changes=changes):
                with self.assertRaises(siasn.SiasnMappingError) as caught:
                    siasn.skp_payload(replace(FACTS, **changes), CODES)
                self.assertEqual(caught.exception.code, code)
                self.assertTrue(str(caught.exception))

    def test_missing_code(self):
        codes = {k: v for k, v in CODES.items() if k != ("kuadran", "baik")}
        with self.assertRaises(siasn.SiasnMappingError) as caught:
            siasn.skp_payload(FACTS, codes)
        self.assertEqual(caught.exception.code, "missing_code")
        self.assertEqual(caught.exception.params, {"kind": "kuadran", "value": "baik"})
        # an empty code is missing too
        with self.assertRaises(siasn.SiasnMappingError):
            siasn.skp_payload(FACTS, {**CODES, ("rating", "above"): " "})

    def test_payload_fields_in_order(self):
        self.assertEqual(tuple(siasn.skp_payload(FACTS, CODES)), siasn.SKP_FIELDS)


class TestRulesSiasnCsvCell(TestCase):
    def test_cells(self):
        cases = [
            (None, ""),
            (False, ""),
            (2026, "2026"),
            (1.5, "1.5"),
            ("Bidang Kepegawaian", "Bidang Kepegawaian"),
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+62 812", "'+62 812"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("a=b", "a=b"),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(siasn.csv_cell(value), expected)
