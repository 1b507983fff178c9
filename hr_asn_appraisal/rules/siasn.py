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
