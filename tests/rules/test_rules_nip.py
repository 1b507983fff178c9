import datetime
from unittest import TestCase

from asn_rules import nip


class TestRulesNip(TestCase):
    def test_normalize(self):
        cases = [
            ("19660801 198803 1 001", "196608011988031001"),
            ("19660801.198803.1.001", "196608011988031001"),
            ("19660801-198803-1-001", "196608011988031001"),
            (" 196608011988031001\t", "196608011988031001"),
            ("", ""),
            (None, ""),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(nip.normalize(value), expected)

    def test_valid_nip(self):
        cases = [
            (
                "196608011988031001",
                nip.NipInfo(
                    nip="196608011988031001",
                    birth_date=datetime.date(1966, 8, 1),
                    appointment_date=datetime.date(1988, 3, 1),
                    gender="male",
                    serial="001",
                ),
            ),
            (
                "19660801 198803 2 001",
                nip.NipInfo(
                    nip="196608011988032001",
                    birth_date=datetime.date(1966, 8, 1),
                    appointment_date=datetime.date(1988, 3, 1),
                    gender="female",
                    serial="001",
                ),
            ),
            (
                # appointed in the month of birth: odd, but not before it
                "19660801 196608 1 123",
                nip.NipInfo(
                    nip="196608011966081123",
                    birth_date=datetime.date(1966, 8, 1),
                    appointment_date=datetime.date(1966, 8, 1),
                    gender="male",
                    serial="123",
                ),
            ),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(nip.parse_pns_nip(value), expected)

    def test_invalid_nip(self):
        cases = [
            ("", "empty"),
            ("  ", "empty"),
            (None, "empty"),
            ("19660801198803100", "length"),  # 17 digits
            ("1966080119880310011", "length"),  # 19 digits
            ("19660801198803100A", "digits"),
            ("NIP196608011988031", "digits"),
            ("199913311988031001", "birth_date"),  # month 13
            ("196602301988031001", "birth_date"),  # 30 February
            ("196608011988131001", "appointment_date"),  # month 13
            ("196608011988001001", "appointment_date"),  # month 00
            ("196608011965031001", "appointment_before_birth"),
            ("196608011966071001", "appointment_before_birth"),
            ("196608011988033001", "gender"),
            ("196608011988030001", "gender"),
        ]
        for value, code in cases:
            with self.subTest(value=value):
                with self.assertRaises(nip.NipError) as caught:
                    nip.parse_pns_nip(value)
                self.assertEqual(caught.exception.code, code)
                self.assertIsInstance(caught.exception, ValueError)
                self.assertIsInstance(caught.exception.params, dict)

    def test_error_params(self):
        cases = [
            ("19660801198803100", "length", {"length": 17, "expected": 18}),
            ("199913311988031001", "birth_date", {"value": "19991331"}),
            ("196608011988131001", "appointment_date", {"value": "198813"}),
            ("196608011988033001", "gender", {"value": "3"}),
        ]
        for value, code, params in cases:
            with self.subTest(value=value):
                with self.assertRaises(nip.NipError) as caught:
                    nip.parse_pns_nip(value)
                self.assertEqual(caught.exception.code, code)
                self.assertEqual(caught.exception.params, params)

    def test_pppk_number(self):
        self.assertEqual(
            nip.check_pppk_number("198502142023212001"), "198502142023212001"
        )
        self.assertEqual(
            nip.check_pppk_number("19850214 202321 2 001"), "198502142023212001"
        )
        cases = [
            ("19850214202321200", "length"),  # 17 digits
            ("198502142023212001X", "digits"),
            ("PPPK85021420232120", "digits"),
            ("", "empty"),
        ]
        for value, code in cases:
            with self.subTest(value=value):
                with self.assertRaises(nip.NipError) as caught:
                    nip.check_pppk_number(value)
                self.assertEqual(caught.exception.code, code)
