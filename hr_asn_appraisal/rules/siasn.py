"""SIASN (BKN) mapping: the one place that knows SIASN's field names.

Source: the project's domain notes (DOMAIN.md), "BKN's systems (interoperability)"
[C, unofficial]: no official specification is public; independent public
clients of the SIASN web service send the same shape. ``POST .../skp22/save``
takes ``id`` (null = new), ``tahun``, ``hasilKinerjaNilai``,
``perilakuKerjaNilai``, ``kuadranKinerjaNilai`` (integers), ``penilaiNama``,
``penilaiNipNrp``, ``penilaiGolongan``, ``penilaiJabatan``,
``penilaiUnorNama``, ``pnsDinilaiOrang`` (the SIASN person id, not the NIP)
and ``statusPenilai`` ("ASN" / "NON ASN").

The reference codes (rating 1 = di atas, 2 = sesuai, 3 = di bawah
ekspektasi; kuadran 1 Sangat Baik ... 5 Sangat Kurang) are data, not code:
the caller passes them as a table ``{(kind, our value): SIASN code}`` (in
Odoo, the ``hr.asn.siasn.code`` records HR can correct).
"""

import hashlib
import json
from dataclasses import dataclass

# Kinds of reference codes.
KIND_RATING = "rating"
KIND_KUADRAN = "kuadran"
KIND_PERIODIC = "periodic"
KIND_COEFFICIENT = "coefficient"
KINDS = (KIND_RATING, KIND_KUADRAN, KIND_PERIODIC, KIND_COEFFICIENT)

STATUS_ASN = "ASN"
STATUS_NON_ASN = "NON ASN"

# The SKP payload's fields, in the order SIASN's clients send them (also the
# CSV's columns).
SKP_FIELDS = (
    "id",
    "tahun",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatan",
    "penilaiUnorNama",
    "pnsDinilaiOrang",
    "statusPenilai",
)

# Characters that make a spreadsheet read a cell as a formula (and the
# control characters that may precede one).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


class SiasnMappingError(ValueError):
    """An SKP cannot be mapped: ``code`` says why (for a translated message),
    ``params`` the details; ``str()`` is an English sentence."""

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class SkpFacts:
    """The validated (frozen) facts of one SKP that SIASN receives."""

    year: int
    employee_nip: str | None
    employee_siasn_id: str | None
    work_rating: str | None
    behavior_rating: str | None
    predikat: str | None
    appraiser_name: str | None
    appraiser_nip: str | None
    appraiser_golongan: str | None
    appraiser_position: str | None
    appraiser_unit: str | None
    appraiser_is_asn: bool
    remote_id: str | None = None


def code_of(codes, kind, value):
    """SIASN's code of one of our values, as an integer when it is one
    (SIASN's reference ids are integers); SiasnMappingError when the table
    has none."""
    code = codes.get((kind, value)) if value else None
    if code is None or str(code).strip() == "":
        raise SiasnMappingError(
            "missing_code",
            f"No SIASN code for {kind} {value!r}.",
            kind=kind,
            value=value,
        )
    code = str(code).strip()
    return int(code) if code.isdigit() else code


def _text(value):
    return str(value).strip() if value not in (None, False) else ""


def skp_payload(facts, codes):
    """The ``skp22/save`` payload of a validated SKP.

    :param facts: SkpFacts
    :param codes: {(kind, our value): SIASN code}
    :raises SiasnMappingError: when required data is missing
    """
    required = (
        ("siasn_id", facts.employee_siasn_id),
        ("year", facts.year),
        ("work_rating", facts.work_rating),
        ("behavior_rating", facts.behavior_rating),
        ("predikat", facts.predikat),
        ("appraiser_name", facts.appraiser_name),
    )
    if facts.appraiser_is_asn:
        required += (("appraiser_nip", facts.appraiser_nip),)
    for what, value in required:
        if not _text(value):
            raise SiasnMappingError(
                f"missing_{what}", f"The SKP has no {what.replace('_', ' ')}."
            )
    return {
        "id": _text(facts.remote_id) or None,
        "tahun": int(facts.year),
        "hasilKinerjaNilai": code_of(codes, KIND_RATING, facts.work_rating),
        "perilakuKerjaNilai": code_of(codes, KIND_RATING, facts.behavior_rating),
        "kuadranKinerjaNilai": code_of(codes, KIND_KUADRAN, facts.predikat),
        "penilaiNama": _text(facts.appraiser_name),
        "penilaiNipNrp": _text(facts.appraiser_nip),
        "penilaiGolongan": _text(facts.appraiser_golongan),
        "penilaiJabatan": _text(facts.appraiser_position),
        "penilaiUnorNama": _text(facts.appraiser_unit),
        "pnsDinilaiOrang": _text(facts.employee_siasn_id),
        "statusPenilai": STATUS_ASN if facts.appraiser_is_asn else STATUS_NON_ASN,
    }


def csv_cell(value):
    """A value as a CSV cell a spreadsheet shows as text: None is empty, and
    text starting like a formula (=, +, -, @) gets a leading apostrophe.
    Numbers stay numbers."""
    if value is None or value is False:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


# ----------------------------------------------------------------------
# Periodic results: ``kinerjaperiodik/save``
# ----------------------------------------------------------------------
# DOMAIN.md: the periodic payload adds the period's months and years, the
# period id (periodikId) and the coefficient id (koefisienId) to the SKP's
# ratings and appraiser, names the employee ``pnsDinilaiId`` and spells the
# appraiser's position ``penilaiJabatanNama``.
PERIODIC_FIELDS = (
    "id",
    "bulanMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunMulaiPenilaian",
    "tahunSelesaiPenilaian",
    "periodikId",
    "koefisienId",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatanNama",
    "penilaiUnorNama",
    "pnsDinilaiId",
    "statusPenilai",
)
# Our period codes (rules.periods: q1..q4, s1..s2, m01..m12, annual) as the
# values of the ``periodic`` SIASN codes (quarter_1, semester_2, month_3,
# annual).
PERIOD_KINDS = {"q": "quarter", "s": "semester", "m": "month"}
# JF levels (hr.employee asn_position_level) that have a coefficient id.
JF_LEVELS = (
    "ahli_pertama",
    "ahli_muda",
    "ahli_madya",
    "ahli_utama",
    "pemula",
    "terampil",
    "mahir",
    "penyelia",
)


@dataclass(frozen=True)
class PeriodicFacts:
    """The reviewed (final) facts of one periodic evaluation (check-in)."""

    period_code: str | None
    date_start: object  # datetime.date
    date_end: object  # datetime.date
    employee_siasn_id: str | None
    position_level: str | None
    work_rating: str | None
    behavior_rating: str | None
    predikat: str | None
    appraiser_name: str | None
    appraiser_nip: str | None
    appraiser_golongan: str | None
    appraiser_position: str | None
    appraiser_unit: str | None
    appraiser_is_asn: bool
    remote_id: str | None = None


def periodic_value(period_code):
    """The ``periodic`` code value of one of our period codes: ``q2`` ->
    ``quarter_2``, ``s1`` -> ``semester_1``, ``m03`` -> ``month_3``,
    ``annual`` -> ``annual``; None for anything else."""
    code = (period_code or "").strip()
    if code == "annual":
        return code
    kind = PERIOD_KINDS.get(code[:1])
    number = code[1:]
    if not kind or not number.isdigit() or int(number) < 1:
        return None
    return f"{kind}_{int(number)}"


def _require(required):
    for what, value in required:
        if not _text(value):
            raise SiasnMappingError(
                f"missing_{what}", f"The evaluation has no {what.replace('_', ' ')}."
            )


def periodic_payload(facts, codes):
    """The ``kinerjaperiodik/save`` payload of a reviewed periodic evaluation.

    ``koefisienId`` is the code of the employee's JF level; an employee who is
    not in a JF (no coefficient) sends null.

    :param facts: PeriodicFacts
    :param codes: {(kind, our value): SIASN code}
    :raises SiasnMappingError: when required data or a code is missing
    """
    required = (
        ("siasn_id", facts.employee_siasn_id),
        ("period", facts.period_code),
        ("period_start", facts.date_start),
        ("period_end", facts.date_end),
        ("work_rating", facts.work_rating),
        ("behavior_rating", facts.behavior_rating),
        ("predikat", facts.predikat),
        ("appraiser_name", facts.appraiser_name),
    )
    if facts.appraiser_is_asn:
        required += (("appraiser_nip", facts.appraiser_nip),)
    _require(required)
    period = periodic_value(facts.period_code) or facts.period_code
    coefficient = (
        code_of(codes, KIND_COEFFICIENT, facts.position_level)
        if facts.position_level in JF_LEVELS
        else None
    )
    return {
        "id": _text(facts.remote_id) or None,
        "bulanMulaiPenilaian": facts.date_start.month,
        "bulanSelesaiPenilaian": facts.date_end.month,
        "tahunMulaiPenilaian": facts.date_start.year,
        "tahunSelesaiPenilaian": facts.date_end.year,
        "periodikId": code_of(codes, KIND_PERIODIC, period),
        "koefisienId": coefficient,
        "hasilKinerjaNilai": code_of(codes, KIND_RATING, facts.work_rating),
        "perilakuKerjaNilai": code_of(codes, KIND_RATING, facts.behavior_rating),
        "kuadranKinerjaNilai": code_of(codes, KIND_KUADRAN, facts.predikat),
        "penilaiNama": _text(facts.appraiser_name),
        "penilaiNipNrp": _text(facts.appraiser_nip),
        "penilaiGolongan": _text(facts.appraiser_golongan),
        "penilaiJabatanNama": _text(facts.appraiser_position),
        "penilaiUnorNama": _text(facts.appraiser_unit),
        "pnsDinilaiId": _text(facts.employee_siasn_id),
        "statusPenilai": STATUS_ASN if facts.appraiser_is_asn else STATUS_NON_ASN,
    }


def fingerprint(payload):
    """What was sent, as a short stable digest: the payload without its
    ``id`` (the remote id) and ``path`` (the uploaded document), keys sorted.
    Two payloads with the same facts have the same fingerprint; a changed
    fact changes it ("changed since sent")."""
    facts = {k: v for k, v in payload.items() if k not in ("id", "path")}
    text = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# ----------------------------------------------------------------------
# SIASN's answers: what the connector does with each
# ----------------------------------------------------------------------
# Outcomes of one send.
SENT = "sent"  # stored: keep mapData as the remote id
RETRY = "retry"  # try again later (timeout, connection, 5xx, garbled answer)
REFUSED = "refused"  # SIASN said no: keep its message, do not retry
REAUTH = "reauth"  # the token expired or was revoked: fetch a new one, resend


@dataclass(frozen=True)
class Answer:
    """``outcome`` (SENT, RETRY, REFUSED, REAUTH); ``message``: SIASN's own
    words (kept as they are); ``reason``: ours, when SIASN gave none
    ("malformed", "no_remote_id", "http_error", "not_success")."""

    outcome: str
    remote_id: str | None = None
    message: str = ""
    reason: str = ""
    status: int = 0


def _message_of(body):
    if isinstance(body, dict):
        for key in ("message", "error_description", "error", "msg"):
            if body.get(key):
                return str(body[key])
    return ""


def remote_id_of(map_data):
    """The remote id in an answer's ``mapData``: the value itself, or its
    ``id`` when SIASN answers with an object."""
    if isinstance(map_data, dict):
        map_data = map_data.get("id")
    if map_data in (None, False) or isinstance(map_data, list | dict):
        return None
    return str(map_data).strip() or None


def classify_answer(status, text, max_message=500):
    """What one HTTP answer of a ``.../save`` means.

    :param status: the HTTP status code
    :param text: the answer's body (SIASN answers ``{success, message,
        mapData}``)
    """
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = None
        garbled = True
    else:
        garbled = not isinstance(body, dict)
    # SIASN's own words; a body that is not JSON (a gateway's error page)
    # is kept as text
    message = (text or "").strip() if garbled else _message_of(body)
    message = message[:max_message]
    if status == 401:
        return Answer(REAUTH, message=message, status=status)
    if status >= 500 or status in (408, 429):
        return Answer(RETRY, message=message, reason="http_error", status=status)
    if status >= 400:
        return Answer(REFUSED, message=message, reason="http_error", status=status)
    if garbled:
        return Answer(RETRY, reason="malformed", status=status)
    if not body.get("success"):
        return Answer(REFUSED, message=message, reason="not_success", status=status)
    remote_id = remote_id_of(body.get("mapData"))
    if not remote_id:
        return Answer(REFUSED, message=message, reason="no_remote_id", status=status)
    return Answer(SENT, remote_id=remote_id, message=message, status=status)


def backoff_seconds(attempt, base=60, cap=6 * 3600):
    """Seconds to wait before try ``attempt + 1`` after ``attempt`` failed
    tries (1, 2, ...): ``base`` doubled each time, never above ``cap``."""
    if attempt < 1:
        return 0
    return min(base * 2 ** (attempt - 1), cap)
