from dataclasses import replace
from datetime import date
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


# Periodic codes: SIASN's values are not public (DOMAIN.md); these stand for
# what HR fills in from BKN's reference.
PERIODIC_CODES = {
    **CODES,
    ("periodic", "quarter_1"): "11",
    ("periodic", "quarter_2"): "12",
    ("periodic", "semester_1"): "21",
    ("periodic", "annual"): "30",
    ("coefficient", "ahli_pertama"): "101",
}

PERIODIC = siasn.PeriodicFacts(
    period_code="q2",
    date_start=date(2026, 4, 1),
    date_end=date(2026, 6, 30),
    employee_siasn_id="A8ACA7A0-1234-4F11-E050-640A3C0A6B7D",
    position_level="ahli_pertama",
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


class TestRulesSiasnPeriodicPayload(TestCase):
    def test_payload_shape(self):
        # DOMAIN.md: kinerjaperiodik/save adds the months and years of the
        # period, periodikId, koefisienId, pnsDinilaiId and spells
        # penilaiJabatanNama.
        self.assertEqual(
            siasn.periodic_payload(PERIODIC, PERIODIC_CODES),
            {
                "id": None,
                "bulanMulaiPenilaian": 4,
                "bulanSelesaiPenilaian": 6,
                "tahunMulaiPenilaian": 2026,
                "tahunSelesaiPenilaian": 2026,
                "periodikId": 12,
                "koefisienId": 101,
                "hasilKinerjaNilai": 1,
                "perilakuKerjaNilai": 2,
                "kuadranKinerjaNilai": 2,
                "penilaiNama": "Kepala Bidang",
                "penilaiNipNrp": "197505052000032002",
                "penilaiGolongan": "III/d",
                "penilaiJabatanNama": "Kepala Bidang Kepegawaian",
                "penilaiUnorNama": "Bidang Kepegawaian",
                "pnsDinilaiId": "A8ACA7A0-1234-4F11-E050-640A3C0A6B7D",
                "statusPenilai": "ASN",
            },
        )

    def test_fields_in_order(self):
        payload = siasn.periodic_payload(PERIODIC, PERIODIC_CODES)
        self.assertEqual(tuple(payload), siasn.PERIODIC_FIELDS)

    def test_period_values(self):
        cases = [
            ("q1", "quarter_1"),
            ("q4", "quarter_4"),
            ("s2", "semester_2"),
            ("m03", "month_3"),
            ("m12", "month_12"),
            ("annual", "annual"),
            ("x1", None),
            ("q", None),
            ("q0", None),
            ("", None),
            (None, None),
        ]
        for code, expected in cases:
            with self.subTest(code=code):
                self.assertEqual(siasn.periodic_value(code), expected)

    def test_period_crossing_a_year(self):
        facts = replace(
            PERIODIC,
            period_code="s1",
            date_start=date(2025, 10, 1),
            date_end=date(2026, 3, 31),
        )
        payload = siasn.periodic_payload(facts, PERIODIC_CODES)
        self.assertEqual(
            (
                payload["bulanMulaiPenilaian"],
                payload["tahunMulaiPenilaian"],
                payload["bulanSelesaiPenilaian"],
                payload["tahunSelesaiPenilaian"],
                payload["periodikId"],
            ),
            (10, 2025, 3, 2026, 21),
        )

    def test_no_coefficient_outside_jf(self):
        for level in (None, "administrator", "pelaksana"):
            with self.subTest(level=level):
                facts = replace(PERIODIC, position_level=level)
                payload = siasn.periodic_payload(facts, PERIODIC_CODES)
                self.assertIsNone(payload["koefisienId"])

    def test_missing_codes_are_refused(self):
        cases = [
            # a JF level without its coefficient id
            (
                {"position_level": "ahli_muda"},
                {"kind": "coefficient", "value": "ahli_muda"},
            ),
            # a period without its id (the shipped data has none)
            ({"period_code": "q3"}, {"kind": "periodic", "value": "quarter_3"}),
            # monthly periods have no SIASN id in the table
            ({"period_code": "m02"}, {"kind": "periodic", "value": "month_2"}),
        ]
        for changes, params in cases:
            with self.subTest(changes=changes):
                with self.assertRaises(siasn.SiasnMappingError) as caught:
                    siasn.periodic_payload(replace(PERIODIC, **changes), PERIODIC_CODES)
                self.assertEqual(caught.exception.code, "missing_code")
                self.assertEqual(caught.exception.params, params)

    def test_missing_data(self):
        cases = [
            ({"employee_siasn_id": None}, "missing_siasn_id"),
            ({"period_code": ""}, "missing_period"),
            ({"date_start": None}, "missing_period_start"),
            ({"work_rating": None}, "missing_work_rating"),
            ({"behavior_rating": None}, "missing_behavior_rating"),
            ({"predikat": None}, "missing_predikat"),
            ({"appraiser_name": " "}, "missing_appraiser_name"),
            ({"appraiser_nip": None}, "missing_appraiser_nip"),
        ]
        for changes, code in cases:
            with self.subTest(code=code):
                with self.assertRaises(siasn.SiasnMappingError) as caught:
                    siasn.periodic_payload(replace(PERIODIC, **changes), PERIODIC_CODES)
                self.assertEqual(caught.exception.code, code)

    def test_non_asn_appraiser_and_remote_id(self):
        facts = replace(
            PERIODIC, appraiser_is_asn=False, appraiser_nip=None, remote_id="r-9"
        )
        payload = siasn.periodic_payload(facts, PERIODIC_CODES)
        self.assertEqual(
            (payload["statusPenilai"], payload["penilaiNipNrp"], payload["id"]),
            ("NON ASN", "", "r-9"),
        )


class TestRulesSiasnFingerprint(TestCase):
    def test_same_facts_same_fingerprint(self):
        payload = siasn.skp_payload(FACTS, CODES)
        resend = siasn.skp_payload(replace(FACTS, remote_id="abc"), CODES)
        self.assertEqual(siasn.fingerprint(payload), siasn.fingerprint(resend))
        with_path = {**payload, "path": "/dok/skp.pdf"}
        self.assertEqual(siasn.fingerprint(payload), siasn.fingerprint(with_path))

    def test_changed_fact_changes_it(self):
        payload = siasn.skp_payload(FACTS, CODES)
        for changes in (
            {"predikat": "sangat_baik"},
            {"appraiser_name": "Kepala Bidang Baru"},
            {"year": 2027},
        ):
            with self.subTest(changes=changes):
                other = siasn.skp_payload(replace(FACTS, **changes), CODES)
                self.assertNotEqual(
                    siasn.fingerprint(payload), siasn.fingerprint(other)
                )


class TestRulesSiasnAnswers(TestCase):
    def test_classify(self):
        ok = '{"success": true, "message": "Berhasil", "mapData": "r-1"}'
        cases = [
            # status, body -> outcome, remote id, message, reason
            (200, ok, "sent", "r-1", "Berhasil", ""),
            (200, '{"success": true, "mapData": {"id": 7}}', "sent", "7", "", ""),
            (
                200,
                '{"success": false, "message": "NIP penilai tidak ditemukan"}',
                "refused",
                None,
                "NIP penilai tidak ditemukan",
                "not_success",
            ),
            (
                200,
                '{"success": true, "mapData": null}',
                "refused",
                None,
                "",
                "no_remote_id",
            ),
            (200, "<html>gateway</html>", "retry", None, "", "malformed"),
            (200, '["a"]', "retry", None, "", "malformed"),
            (200, "", "retry", None, "", "malformed"),
            (
                401,
                '{"message": "Invalid Credentials"}',
                "reauth",
                None,
                "Invalid Credentials",
                "",
            ),
            (
                400,
                '{"success": false, "message": "Tahun tidak valid"}',
                "refused",
                None,
                "Tahun tidak valid",
                "http_error",
            ),
            (404, "Not Found", "refused", None, "Not Found", "http_error"),
            (
                500,
                "Internal Server Error",
                "retry",
                None,
                "Internal Server Error",
                "http_error",
            ),
            (503, "", "retry", None, "", "http_error"),
            (429, "", "retry", None, "", "http_error"),
        ]
        for status, text, outcome, remote_id, message, reason in cases:
            with self.subTest(status=status, text=text):
                answer = siasn.classify_answer(status, text)
                self.assertEqual(
                    (answer.outcome, answer.remote_id, answer.message, answer.reason),
                    (outcome, remote_id, message, reason),
                )

    def test_long_messages_are_cut(self):
        answer = siasn.classify_answer(400, "x" * 2000, max_message=100)
        self.assertEqual(len(answer.message), 100)

    def test_backoff(self):
        cases = [(0, 0), (1, 60), (2, 120), (3, 240), (4, 480), (10, 6 * 3600)]
        for attempt, seconds in cases:
            with self.subTest(attempt=attempt):
                self.assertEqual(siasn.backoff_seconds(attempt), seconds)
        self.assertEqual(siasn.backoff_seconds(3, base=1, cap=3), 3)
