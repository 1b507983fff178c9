"""Validation of ASN employee numbers: the PNS NIP and the PPPK number.

Source: /work/shared/DOMAIN.md, section "Master data" (BKN numbering):

* The NIP of a PNS has 18 digits: birth date ``YYYYMMDD``, appointment as
  CPNS (TMT CPNS) ``YYYYMM``, a gender digit (1 male, 2 female) and a
  3-digit serial, e.g. ``19660801 198803 1 001``.
* PPPK numbers ("NI PPPK") also have 18 digits, but their inner structure is
  unconfirmed, so only the length (and that they are digits) is checked.

Errors are raised as :class:`NipError` carrying a machine-readable ``code`` and
plain ``params`` so that the caller can build a translated message.
"""

import datetime
import re
from dataclasses import dataclass

NIP_LENGTH = 18
MIN_APPOINTMENT_YEAR = 1900
MAX_APPOINTMENT_YEAR = 2100
GENDERS = {"1": "male", "2": "female"}

# Separators people type between the groups of digits.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015]+")
_DIGITS = re.compile(r"[0-9]+")

_MESSAGES = {
    "empty": "The number is empty.",
    "digits": "The number may only contain digits: {value}",
    "length": "The number must have {expected} digits, not {length}.",
    "birth_date": "The birth date {value} in the NIP is not a valid date.",
    "appointment_date": (
        "The appointment month {value} in the NIP is not a valid month."
    ),
    "appointment_before_birth": (
        "The appointment month {appointment} in the NIP is before the birth "
        "month {birth}."
    ),
    "gender": "The gender digit {value} in the NIP must be 1 (male) or 2 (female).",
}


class NipError(ValueError):
    """An invalid NIP or PPPK number.

    :ivar code: one of ``empty``, ``length``, ``digits``, ``birth_date``,
        ``appointment_date``, ``appointment_before_birth``, ``gender``
    :ivar params: plain values to format a message with
    """

    def __init__(self, code: str, **params) -> None:
        self.code = code
        self.params = params
        super().__init__(_MESSAGES[code].format(**params))


@dataclass(frozen=True)
class NipInfo:
    """The parts encoded in a valid PNS NIP."""

    nip: str
    birth_date: datetime.date
    appointment_date: datetime.date  # first day of the TMT CPNS month
    gender: str  # 'male' or 'female'
    serial: str


def normalize(value: str | None) -> str:
    """Return ``value`` without the spaces, dots and dashes people type.

    ``"19660801 198803 1 001"`` becomes ``"196608011988031001"``; a falsy
    value becomes ``""``.
    """
    if not value:
        return ""
    return _SEPARATORS.sub("", str(value))


def _check_digits(value: str | None) -> str:
    """Normalize ``value`` and check it is 18 ASCII digits; return it."""
    number = normalize(value)
    if not number:
        raise NipError("empty")
    if not _DIGITS.fullmatch(number):
        raise NipError("digits", value=number)
    if len(number) != NIP_LENGTH:
        raise NipError("length", length=len(number), expected=NIP_LENGTH)
    return number


def parse_pns_nip(value: str | None) -> NipInfo:
    """Validate the NIP of a PNS and return its parts as a :class:`NipInfo`.

    :raises NipError: on the first failing check, in this order: empty,
        digits only, exactly 18 digits, birth date, appointment month,
        appointment not before the birth month, gender digit.
    """
    nip = _check_digits(value)
    birth, appointment, gender, serial = nip[:8], nip[8:14], nip[14], nip[15:]

    try:
        birth_date = datetime.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        raise NipError("birth_date", value=birth) from None

    year, month = int(appointment[:4]), int(appointment[4:])
    if not (MIN_APPOINTMENT_YEAR <= year <= MAX_APPOINTMENT_YEAR and 1 <= month <= 12):
        raise NipError("appointment_date", value=appointment)
    appointment_date = datetime.date(year, month, 1)

    if (year, month) < (birth_date.year, birth_date.month):
        raise NipError(
            "appointment_before_birth", birth=birth[:6], appointment=appointment
        )

    if gender not in GENDERS:
        raise NipError("gender", value=gender)

    return NipInfo(
        nip=nip,
        birth_date=birth_date,
        appointment_date=appointment_date,
        gender=GENDERS[gender],
        serial=serial,
    )


def check_pppk_number(value: str | None) -> str:
    """Validate a PPPK number (digits only, 18 of them); return it normalized.

    :raises NipError: with code ``empty``, ``digits`` or ``length``.
    """
    return _check_digits(value)
