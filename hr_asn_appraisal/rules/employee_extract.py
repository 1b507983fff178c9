"""Reading and checking an employee extract from SIASN or SIMPEG.

An office's master data (NIP, name, PNS/PPPK, golongan, position, unit,
superior) already exists in BKN's SIASN and in the regional SIMPEG; HR exports
it as a spreadsheet and imports it here. This module is the pure part of that
import: which column headings are accepted, how one row's values are read and
checked, and the checks across the rows of a file (duplicated NIP, superior
not found, a superior chain that loops). The database work (matching existing
employees, units and ranks) is the wizard's
(``wizards/hr_asn_employee_import_wizard.py``).

Sources: /work/shared/DOMAIN.md, "Master data" (NIP, the 17 PNS ranks I/a to
IV/e, PPPK golongan I to XVII, position types and levels). The headings are
those of SIASN's and SIMPEG's spreadsheet exports as HR offices receive them
(no official list is public): every variant is data in :data:`HEADINGS`.

Errors are :class:`RowError` values with a machine-readable ``code`` and plain
``params``; the caller translates them (``MESSAGES`` holds the English text
for logs and tests).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from . import nip as nip_rules

# Canonical column -> accepted headings, compared after normalize_heading().
HEADINGS = {
    "nip": (
        "nip",
        "nip baru",
        "nip/ni pppk",
        "nip / ni pppk",
        "ni pppk",
        "nomor induk pegawai",
    ),
    "name": ("nama", "nama lengkap", "nama pegawai", "name"),
    "asn_type": (
        "jenis pegawai",
        "jenis asn",
        "status pegawai",
        "status kepegawaian",
        "kedudukan pegawai",
        "pns/pppk",
        "asn type",
    ),
    "golongan": (
        "golongan",
        "gol",
        "gol ruang",
        "golongan ruang",
        "golongan/ruang",
        "pangkat/golongan",
        "pangkat golongan",
        "gol akhir",
        "golongan akhir",
        "rank",
    ),
    "position": ("jabatan", "nama jabatan", "jabatan nama", "position"),
    "position_type": ("jenis jabatan", "position type"),
    "position_level": (
        "jenjang jabatan",
        "jenjang",
        "tingkat jabatan",
        "position level",
    ),
    "unor": (
        "unor",
        "nama unor",
        "unor nama",
        "unit organisasi",
        "unit kerja",
        "satuan kerja",
        "unit",
    ),
    "superior_nip": (
        "nip atasan",
        "nip atasan langsung",
        "atasan nip",
        "superior nip",
    ),
}
REQUIRED_COLUMNS = ("nip", "name", "asn_type", "golongan", "unor")
COLUMNS = tuple(HEADINGS)

ASN_TYPE_VALUES = {
    "pns": "pns",
    "cpns": "pns",
    "cpns/pns": "pns",
    "pegawai negeri sipil": "pns",
    "pppk": "pppk",
    "p3k": "pppk",
    "pegawai pemerintah dengan perjanjian kerja": "pppk",
}

ROMAN = {
    1: "I",
    2: "II",
    3: "III",
    4: "IV",
    5: "V",
    6: "VI",
    7: "VII",
    8: "VIII",
    9: "IX",
    10: "X",
    11: "XI",
    12: "XII",
    13: "XIII",
    14: "XIV",
    15: "XV",
    16: "XVI",
    17: "XVII",
}
FROM_ROMAN = {value: number for number, value in ROMAN.items()}
# PNS golongan ruang: the letters of each golongan (DOMAIN.md, 17 steps).
PNS_RUANG = {"I": "abcd", "II": "abcd", "III": "abcd", "IV": "abcde"}
PPPK_MAX = 17

# The golongan part of "Penata Muda (III/a)", "III/a", "III a", "3a", "3/A".
_PNS_GOLONGAN = re.compile(
    r"(?:^|[\s(,])(iv|iii|ii|i|[1-4])\s*[/\-. ]?\s*([a-e])\)?$", re.IGNORECASE
)
_PPPK_GOLONGAN = re.compile(r"^(?:gol(?:ongan)?\.?\s*)?([ivx]+|[0-9]{1,2})$")

POSITION_TYPE_VALUES = {
    "jpt": "jpt",
    "jabatan pimpinan tinggi": "jpt",
    "pimpinan tinggi": "jpt",
    "administrator": "administrator",
    "jabatan administrator": "administrator",
    "pengawas": "pengawas",
    "jabatan pengawas": "pengawas",
    "pelaksana": "pelaksana",
    "jabatan pelaksana": "pelaksana",
    "fungsional umum": "pelaksana",
    "jfu": "pelaksana",
    "fungsional": "fungsional",
    "jf": "fungsional",
    "jft": "fungsional",
    "jabatan fungsional": "fungsional",
    "fungsional tertentu": "fungsional",
}
POSITION_LEVEL_VALUES = {
    "jpt utama": "jpt_utama",
    "utama": "jpt_utama",
    "jpt madya": "jpt_madya",
    "madya": "jpt_madya",
    "jpt pratama": "jpt_pratama",
    "pratama": "jpt_pratama",
    "ahli utama": "ahli_utama",
    "ahli madya": "ahli_madya",
    "ahli muda": "ahli_muda",
    "ahli pertama": "ahli_pertama",
    "penyelia": "penyelia",
    "mahir": "mahir",
    "terampil": "terampil",
    "pemula": "pemula",
}
# The short JPT names mean the JF expertise level in a JF row.
_JF_SHORT_LEVELS = {"utama": "ahli_utama", "madya": "ahli_madya"}
LEVELS_BY_POSITION_TYPE = {
    "jpt": {"jpt_utama", "jpt_madya", "jpt_pratama"},
    "fungsional": {
        "ahli_utama",
        "ahli_madya",
        "ahli_muda",
        "ahli_pertama",
        "penyelia",
        "mahir",
        "terampil",
        "pemula",
    },
}

MESSAGES = {
    "missing": "The column {column} is empty.",
    "nip": "The NIP {nip} is not valid: {reason}",
    "nip_number": "The NIP {value} was stored as a number and lost its last digits.",
    "asn_type": "{value} is neither PNS nor PPPK.",
    "golongan": "{value} is not a golongan of a {asn_type}.",
    "golongan_other_type": (
        "{value} is a {other} golongan, but the employee is {asn_type}."
    ),
    "position_type": "{value} is not a known position type.",
    "position_level": "{value} is not a known position level.",
    "level_without_type": (
        "The level {value} does not belong to the position type {position_type}."
    ),
    "duplicate_nip": "The NIP {nip} is already on row {first_row}.",
    "superior_self": "The employee is their own superior.",
    "superior_nip": "The superior's NIP {nip} is not valid.",
    "superior_not_found": (
        "The superior's NIP {nip} is neither in the file nor an employee of the "
        "company."
    ),
    "superior_row_error": "The superior (row {row}) has errors and is not imported.",
    "superior_loop": "The superiors of this row lead back to it (rows {rows}).",
}


class ExtractError(ValueError):
    """The file itself cannot be read (not the rows): ``code`` and ``params``.

    Codes: ``empty`` (no heading row), ``missing_columns`` (``columns``),
    ``duplicate_columns`` (``columns``), ``encoding``.
    """

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


@dataclass(frozen=True)
class RowError:
    code: str
    params: dict = field(default_factory=dict)

    def message(self):
        return MESSAGES[self.code].format(**self.params)


@dataclass
class Row:
    """One data row: its number in the file (the heading is row 1), the raw
    texts by canonical column, the values read from them, and its errors."""

    number: int
    raw: dict
    nip: str = ""
    name: str = ""
    asn_type: str = ""
    golongan: str = ""
    position: str = ""
    position_type: str = ""
    position_level: str = ""
    unor: str = ""
    superior_nip: str = ""
    errors: list = field(default_factory=list)


def normalize_heading(value):
    """Lower case, no BOM, ``_``/``-``/``.`` as spaces, spaces collapsed."""
    text = str(value or "").replace("\ufeff", "").strip().lower()
    text = re.sub(r"[_\-.\s]+", " ", text)
    return re.sub(r"\s*/\s*", "/", text).strip()


_HEADING_INDEX = {
    normalize_heading(heading): column
    for column, headings in HEADINGS.items()
    for heading in headings
}


def map_headings(headings):
    """Column index of each canonical column found in the heading row.

    Unknown headings are ignored (extracts carry many more columns).

    :raises ExtractError: ``missing_columns`` (a required column is absent) or
        ``duplicate_columns`` (two headings mean the same column).
    """
    index, duplicates = {}, []
    for position, heading in enumerate(headings):
        column = _HEADING_INDEX.get(normalize_heading(heading))
        if not column:
            continue
        if column in index:
            duplicates.append(str(heading).strip())
            continue
        index[column] = position
    if duplicates:
        raise ExtractError("duplicate_columns", columns=duplicates)
    missing = [column for column in REQUIRED_COLUMNS if column not in index]
    if missing:
        raise ExtractError("missing_columns", columns=missing)
    return index


def read_csv(content):
    """(headings, rows) of a CSV file given as bytes.

    UTF-8 (with or without BOM), falling back to Windows-1252 as old Excel
    writes it; ``,`` or ``;`` as separator (Excel in Indonesian uses ``;``).
    Rows that are entirely empty are skipped, but keep their numbers.
    """
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
    else:
        text = content
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise ExtractError("empty")
    return rows[0], rows[1:]


# A spreadsheet keeps 15 significant digits of a number: an 18-digit NIP
# stored as a number has lost its last digits.
_EXACT_FLOAT_LIMIT = 10**15
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?E\+?\d+$", re.IGNORECASE)


def cell_text(value):
    """A cell as text: ``None`` empty, a whole number without ``.0``,
    everything stripped. A float too large to be exact (a NIP stored as a
    number) is written as a spreadsheet shows it, ``1.97504011997111E+17``:
    the NIP check then says what happened instead of reading wrong digits."""
    if value is None:
        return ""
    if isinstance(value, float):
        if abs(value) >= _EXACT_FLOAT_LIMIT:
            return f"{value:.14E}"
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def parse_asn_type(value):
    """``pns``/``pppk`` from SIASN's "PNS", "CPNS", "PPPK", "P3K"; else ``""``."""
    return ASN_TYPE_VALUES.get(normalize_heading(value), "")


def parse_golongan(value, asn_type):
    """The rank code of a golongan as the addon stores it: ``III/a`` for a
    PNS, ``IX`` for a PPPK.

    Accepts ``III/a``, ``III/A``, ``III a``, ``3a``, ``3/a``, ``Penata Muda
    (III/a)``, ``Penata Muda, III/a``; ``IX``, ``9``, ``Golongan IX``.

    :raises ValueError: with a :class:`RowError` as its argument, code
        ``golongan`` (not a golongan of this type) or ``golongan_other_type``
        (a PNS rank for a PPPK, or the other way round).
    """
    text = re.sub(r"\s+", " ", str(value or "").strip())
    pns = _parse_pns_golongan(text)
    pppk = _parse_pppk_golongan(text)
    if asn_type == "pns":
        if pns:
            return pns
        if pppk:
            raise ValueError(
                RowError(
                    "golongan_other_type",
                    {"value": text, "other": "PPPK", "asn_type": "PNS"},
                )
            )
        raise ValueError(RowError("golongan", {"value": text, "asn_type": "PNS"}))
    if pppk:
        return pppk
    if pns:
        raise ValueError(
            RowError(
                "golongan_other_type",
                {"value": text, "other": "PNS", "asn_type": "PPPK"},
            )
        )
    raise ValueError(RowError("golongan", {"value": text, "asn_type": "PPPK"}))


def _parse_pns_golongan(text):
    match = _PNS_GOLONGAN.search(text)
    if not match:
        return ""
    group, letter = match.group(1).upper(), match.group(2).lower()
    group = ROMAN[int(group)] if group.isdigit() else group
    if letter not in PNS_RUANG.get(group, ""):
        return ""
    return f"{group}/{letter}"


def _parse_pppk_golongan(text):
    match = _PPPK_GOLONGAN.match(text.lower())
    if not match:
        return ""
    token = match.group(1)
    number = int(token) if token.isdigit() else FROM_ROMAN.get(token.upper(), 0)
    return ROMAN.get(number, "") if 1 <= number <= PPPK_MAX else ""


def parse_position(position_type, position_level):
    """(type, level) keys from the texts, level checked against the type.

    A JF level ("Ahli Muda", "Terampil") alone implies the JF type; a JPT level
    ("JPT Pratama") alone implies JPT.

    :raises ValueError: with a :class:`RowError`: ``position_type``,
        ``position_level`` or ``level_without_type``.
    """
    type_text = normalize_heading(position_type)
    level_text = normalize_heading(position_level)
    kind = ""
    if type_text:
        kind = POSITION_TYPE_VALUES.get(type_text, "")
        if not kind:
            raise ValueError(RowError("position_type", {"value": position_type}))
    level = ""
    if level_text:
        if kind == "fungsional" and level_text in _JF_SHORT_LEVELS:
            level = _JF_SHORT_LEVELS[level_text]
        else:
            level = POSITION_LEVEL_VALUES.get(level_text, "")
        if not level:
            raise ValueError(RowError("position_level", {"value": position_level}))
        if not kind:
            kind = "jpt" if level.startswith("jpt") else "fungsional"
        if level not in LEVELS_BY_POSITION_TYPE.get(kind, set()):
            raise ValueError(
                RowError(
                    "level_without_type",
                    {"value": position_level, "position_type": position_type},
                )
            )
    return kind, level


def check_nip(value, asn_type):
    """The normalized NIP; :class:`RowError` ``nip`` with the reason code of
    rules.nip as ``reason_code`` (the wizard words it), or ``nip_number``: the
    spreadsheet stored the NIP as a number and lost its last digits."""
    if _SCIENTIFIC.match(str(value).strip()):
        raise ValueError(RowError("nip_number", {"value": str(value).strip()}))
    try:
        if asn_type == "pppk":
            return nip_rules.check_pppk_number(value)
        return nip_rules.parse_pns_nip(value).nip
    except nip_rules.NipError as error:
        raise ValueError(
            RowError(
                "nip",
                {
                    "nip": nip_rules.normalize(value),
                    "reason": str(error),
                    "reason_code": error.code,
                    "reason_params": error.params,
                },
            )
        ) from None


def check_row(number, raw):
    """Read and check one row (the texts by canonical column) on its own."""
    row = Row(number=number, raw=raw)
    errors = row.errors
    for column in REQUIRED_COLUMNS:
        if not raw.get(column, "").strip():
            errors.append(RowError("missing", {"column": column}))
    row.name = re.sub(r"\s+", " ", raw.get("name", "").strip())
    row.position = re.sub(r"\s+", " ", raw.get("position", "").strip())
    row.unor = re.sub(r"\s+", " ", raw.get("unor", "").strip())
    type_text = raw.get("asn_type", "").strip()
    row.asn_type = parse_asn_type(type_text)
    if type_text and not row.asn_type:
        errors.append(RowError("asn_type", {"value": type_text}))
    nip_text = raw.get("nip", "").strip()
    if nip_text:
        try:
            row.nip = check_nip(nip_text, row.asn_type)
        except ValueError as error:
            errors.append(error.args[0])
    golongan_text = raw.get("golongan", "").strip()
    if golongan_text and row.asn_type:
        try:
            row.golongan = parse_golongan(golongan_text, row.asn_type)
        except ValueError as error:
            errors.append(error.args[0])
    try:
        row.position_type, row.position_level = parse_position(
            raw.get("position_type", ""), raw.get("position_level", "")
        )
    except ValueError as error:
        errors.append(error.args[0])
    superior_text = raw.get("superior_nip", "").strip()
    if superior_text:
        superior = nip_rules.normalize(superior_text)
        if len(superior) != nip_rules.NIP_LENGTH or not superior.isdigit():
            errors.append(RowError("superior_nip", {"nip": superior_text}))
        else:
            row.superior_nip = superior
            if superior == row.nip:
                errors.append(RowError("superior_self"))
    return row


def rows_from_table(headings, table, first_number=2):
    """Rows read from a table: each data row keeps its number in the file
    (the heading is row ``first_number - 1``); rows without any value are
    skipped."""
    index = map_headings(headings)
    rows = []
    for offset, cells in enumerate(table):
        values = [cell_text(cell) for cell in cells]
        if not any(values):
            continue
        raw = {
            column: values[position] if position < len(values) else ""
            for column, position in index.items()
        }
        rows.append(raw_row(first_number + offset, raw))
    return rows


def raw_row(number, raw):
    """The raw texts of a row with every canonical column present."""
    return number, {column: raw.get(column) or "" for column in COLUMNS}


def check_rows(numbered_raws, known_nips=frozenset()):
    """Check every row and the rows together.

    :param numbered_raws: ``(row number, raw texts)`` pairs
    :param known_nips: NIPs of the company's employees already in the
        database (the superior may be one of them)
    :returns: the :class:`Row` list, in file order, each with its errors.
        Across rows: a NIP seen on an earlier row (``duplicate_nip``), a
        superior neither in the file nor known (``superior_not_found``), a
        superior chain that loops (``superior_loop``), and a superior whose
        own row has errors and who is not known (``superior_row_error``,
        repeated down the chain: those rows cannot be linked either).
    """
    rows = [check_row(number, raw) for number, raw in numbered_raws]
    first_row = {}
    for row in rows:
        if not row.nip:
            continue
        if row.nip in first_row:
            row.errors.append(
                RowError(
                    "duplicate_nip",
                    {"nip": row.nip, "first_row": first_row[row.nip].number},
                )
            )
        else:
            first_row[row.nip] = row
    for row in rows:
        if row.superior_nip and row.superior_nip not in first_row:
            if row.superior_nip not in known_nips:
                row.errors.append(
                    RowError("superior_not_found", {"nip": row.superior_nip})
                )
    _check_loops(rows, first_row)
    propagate_superior_errors(rows, known_nips)
    return rows


def _superior_row(row, by_nip):
    superior = by_nip.get(row.superior_nip) if row.superior_nip else None
    return superior if superior is not row else None


def _check_loops(rows, by_nip):
    state = {}  # id(row) -> "visiting" / "done"
    for start in rows:
        path, row = [], start
        while row is not None and id(row) not in state:
            state[id(row)] = "visiting"
            path.append(row)
            row = _superior_row(row, by_nip)
        if row is not None and state[id(row)] == "visiting":
            loop = path[path.index(row) :]
            numbers = ", ".join(
                str(number) for number in sorted(m.number for m in loop)
            )
            for member in loop:
                member.errors.append(RowError("superior_loop", {"rows": numbers}))
        for member in path:
            state[id(member)] = "done"


def propagate_superior_errors(rows, known_nips=frozenset()):
    """Add ``superior_row_error`` to each row whose superior is a row of the
    file with errors (and not already an employee), down the chain.

    Called again by the caller after it adds errors of its own."""
    by_nip = {}
    for row in rows:
        if row.nip and row.nip not in by_nip:
            by_nip[row.nip] = row
    changed = True
    while changed:
        changed = False
        for row in rows:
            superior = _superior_row(row, by_nip)
            if (
                superior is not None
                and superior.errors
                and row.superior_nip not in known_nips
                and not any(error.code == "superior_row_error" for error in row.errors)
                and not any(error.code == "superior_loop" for error in row.errors)
            ):
                row.errors.append(
                    RowError("superior_row_error", {"row": superior.number})
                )
                changed = True


def creation_levels(rows, existing_nips):
    """The rows to create in batches, superiors first: level 0 are rows whose
    superior is already an employee (or who have none), level k+1 the rows
    whose superior is created at level k. Rows with errors are left out."""
    by_nip = {row.nip: row for row in rows if not row.errors}
    depth = {}

    def level(row):
        seen = []
        current = row
        while True:
            if id(current) in depth:
                base = depth[id(current)]
                break
            superior = by_nip.get(current.superior_nip)
            if superior is None or superior.nip in existing_nips or superior is current:
                base = 0
                depth[id(current)] = 0
                break
            seen.append(current)
            current = superior
        for member in reversed(seen):
            base += 1
            depth[id(member)] = base
        return depth[id(row)]

    levels = {}
    for row in by_nip.values():
        if row.nip in existing_nips:
            continue
        levels.setdefault(level(row), []).append(row)
    return [levels[key] for key in sorted(levels)]


# A CPNS is at least 18 when appointed (PP 11/2017, art. 23): a NIP whose
# appointment month comes earlier is probably mistyped.
MIN_APPOINTMENT_AGE = 18
NIP_WARNINGS = (
    "missing",
    "invalid",
    "birthday_mismatch",
    "gender_mismatch",
    "young_appointment",
)


def nip_warning(nip, asn_type, birthday=None, gender=None):
    """Why an employee's NIP looks wrong, or ``""``: the first of
    :data:`NIP_WARNINGS` that applies.

    ``missing``: a PNS/PPPK without a number; ``invalid``: the number fails
    rules.nip (data from before the check); for a PNS, ``birthday_mismatch``
    and ``gender_mismatch``: the birth date or gender recorded on the employee
    differ from those in the NIP; ``young_appointment``: appointed as CPNS
    before the age of 18.
    """
    if asn_type not in ("pns", "pppk"):
        return ""
    if not nip:
        return "missing"
    try:
        if asn_type == "pppk":
            nip_rules.check_pppk_number(nip)
            return ""
        info = nip_rules.parse_pns_nip(nip)
    except nip_rules.NipError:
        return "invalid"
    if birthday and birthday != info.birth_date:
        return "birthday_mismatch"
    if gender in ("male", "female") and gender != info.gender:
        return "gender_mismatch"
    birth, appointment = info.birth_date, info.appointment_date
    age_months = (appointment.year - birth.year) * 12 + appointment.month - birth.month
    if age_months < MIN_APPOINTMENT_AGE * 12:
        return "young_appointment"
    return ""
