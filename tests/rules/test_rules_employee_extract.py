"""Reading and checking a SIASN/SIMPEG employee extract (rules/employee_extract.py).

Expected values from DOMAIN.md "Master data": NIP structure, PNS ranks I/a to
IV/e (17 steps), PPPK golongan I to XVII, position types and levels.
"""

import datetime

import pytest
from asn_rules import employee_extract as ex

BOSS = "197505052000032002"  # PNS, born 1975-05-05, female
STAFF = "199001012015031003"  # PNS, born 1990-01-01, male
PPPK = "198807122023212001"


# The other required columns, by canonical name, to complete a heading row.
REQUIRED = {
    "nip": "NIP",
    "name": "Nama",
    "asn_type": "Jenis Pegawai",
    "golongan": "Golongan",
    "unor": "Unor",
}


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("NIP", "nip"),
        ("NIP Baru", "nip"),
        ("nip_baru", "nip"),
        ("\ufeffNIP", "nip"),
        ("NIP / NI PPPK", "nip"),
        ("Nama", "name"),
        ("NAMA LENGKAP", "name"),
        ("Jenis Pegawai", "asn_type"),
        ("PNS/PPPK", "asn_type"),
        ("Golongan", "golongan"),
        ("Gol. Ruang", "golongan"),
        ("Pangkat/Golongan", "golongan"),
        ("Nama Jabatan", "position"),
        ("Jenis Jabatan", "position_type"),
        ("Jenjang Jabatan", "position_level"),
        ("UNOR", "unor"),
        ("Unor Nama", "unor"),
        ("Unit Kerja", "unor"),
        ("NIP Atasan", "superior_nip"),
        ("nip-atasan-langsung", "superior_nip"),
    ],
)
def test_heading(heading, column):
    others = [text for key, text in REQUIRED.items() if key != column]
    index = ex.map_headings([heading, *others])
    assert index[column] == 0


def test_headings_missing_and_duplicated():
    with pytest.raises(ex.ExtractError) as caught:
        ex.map_headings(["NIP", "Nama", "Golongan", "Foto"])
    assert caught.value.code == "missing_columns"
    assert caught.value.params["columns"] == ["asn_type", "unor"]
    with pytest.raises(ex.ExtractError) as caught:
        ex.map_headings(
            ["NIP", "NIP Baru", "Nama", "Jenis Pegawai", "Golongan", "Unor"]
        )
    assert caught.value.code == "duplicate_columns"


def test_unknown_headings_are_ignored():
    index = ex.map_headings(
        ["No", "NIP", "Nama", "Jenis Pegawai", "Gol", "Unor", "TMT"]
    )
    assert index == {"nip": 1, "name": 2, "asn_type": 3, "golongan": 4, "unor": 5}


@pytest.mark.parametrize(
    ("value", "asn_type", "expected"),
    [
        ("III/a", "pns", "III/a"),
        ("III/A", "pns", "III/a"),
        ("iii a", "pns", "III/a"),
        ("3a", "pns", "III/a"),
        ("3/b", "pns", "III/b"),
        ("IV-e", "pns", "IV/e"),
        ("I/a", "pns", "I/a"),
        ("Penata Muda (III/a)", "pns", "III/a"),
        ("Pembina Utama, IV/e", "pns", "IV/e"),
        ("IX", "pppk", "IX"),
        ("ix", "pppk", "IX"),
        ("9", "pppk", "IX"),
        ("Golongan XVII", "pppk", "XVII"),
        ("I", "pppk", "I"),
        ("17", "pppk", "XVII"),
    ],
)
def test_golongan(value, asn_type, expected):
    assert ex.parse_golongan(value, asn_type) == expected


@pytest.mark.parametrize(
    ("value", "asn_type", "code"),
    [
        ("III/f", "pns", "golongan"),  # III has a to d
        ("I/e", "pns", "golongan"),  # only IV has e
        ("V/a", "pns", "golongan"),
        ("IV/e", "pppk", "golongan_other_type"),
        ("IX", "pns", "golongan_other_type"),
        ("XVIII", "pppk", "golongan"),  # PPPK ends at XVII
        ("18", "pppk", "golongan"),
        ("0", "pppk", "golongan"),
        ("Golongan Z", "pppk", "golongan"),
    ],
)
def test_golongan_refused(value, asn_type, code):
    with pytest.raises(ValueError) as caught:
        ex.parse_golongan(value, asn_type)
    assert caught.value.args[0].code == code


@pytest.mark.parametrize(
    ("kind", "level", "expected"),
    [
        ("", "", ("", "")),
        ("Pelaksana", "", ("pelaksana", "")),
        ("Fungsional Umum", "", ("pelaksana", "")),
        ("Jabatan Fungsional", "Ahli Muda", ("fungsional", "ahli_muda")),
        ("JF", "Madya", ("fungsional", "ahli_madya")),
        ("", "Terampil", ("fungsional", "terampil")),
        ("JPT", "Pratama", ("jpt", "jpt_pratama")),
        ("", "JPT Madya", ("jpt", "jpt_madya")),
        ("Administrator", "", ("administrator", "")),
        ("Jabatan Pengawas", "", ("pengawas", "")),
    ],
)
def test_position(kind, level, expected):
    assert ex.parse_position(kind, level) == expected


@pytest.mark.parametrize(
    ("kind", "level", "code"),
    [
        ("Eselon", "", "position_type"),
        ("JF", "Ahli Super", "position_level"),
        ("Pelaksana", "Ahli Muda", "level_without_type"),
        ("JPT", "Terampil", "level_without_type"),
    ],
)
def test_position_refused(kind, level, code):
    with pytest.raises(ValueError) as caught:
        ex.parse_position(kind, level)
    assert caught.value.args[0].code == code


def raw(
    nip,
    name="Siti Aminah",
    asn_type="PNS",
    golongan="III/a",
    unor="Bagian Umum",
    superior="",
    **extra,
):
    values = {
        "nip": nip,
        "name": name,
        "asn_type": asn_type,
        "golongan": golongan,
        "unor": unor,
        "superior_nip": superior,
        **extra,
    }
    return ex.raw_row(0, values)[1]


def codes(row):
    return [error.code for error in row.errors]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (raw(STAFF), []),
        (raw("19900101 201503 1 003"), []),
        (raw(STAFF, name=""), ["missing"]),
        (raw(STAFF, unor=""), ["missing"]),
        (raw(STAFF, golongan=""), ["missing"]),
        (raw("199001012015033003"), ["nip"]),  # gender digit 3
        (raw("19900101201503100"), ["nip"]),  # 17 digits
        (raw(STAFF, asn_type="Honorer"), ["asn_type"]),
        (raw(STAFF, golongan="III/z"), ["golongan"]),
        (raw(PPPK, asn_type="PPPK", golongan="IX"), []),
        (raw(PPPK, asn_type="PPPK", golongan="III/a"), ["golongan_other_type"]),
        (raw(STAFF, superior=STAFF), ["superior_self"]),
        (raw(STAFF, superior="12345"), ["superior_nip"]),
    ],
)
def test_check_row(values, expected):
    assert codes(ex.check_row(2, values)) == expected


def test_check_row_values():
    row = ex.check_row(
        7,
        raw(
            "19900101 201503 1 003",
            name="  Budi   Santoso ",
            golongan="3c",
            superior="19750505 200003 2 002",
            position="Analis SDM Aparatur",
            position_type="Jabatan Fungsional",
            position_level="Ahli Pertama",
        ),
    )
    assert (row.number, row.nip, row.name, row.asn_type, row.golongan) == (
        7,
        STAFF,
        "Budi Santoso",
        "pns",
        "III/c",
    )
    assert (row.position, row.position_type, row.position_level) == (
        "Analis SDM Aparatur",
        "fungsional",
        "ahli_pertama",
    )
    assert row.superior_nip == BOSS


def numbered(*raws):
    return [(number, values) for number, values in enumerate(raws, start=2)]


def test_check_rows_across_the_file():
    other = "198203152006041001"
    rows = ex.check_rows(
        numbered(
            raw(BOSS),  # row 2
            raw(STAFF, superior=BOSS),  # row 3
            raw(STAFF, name="Copy"),  # row 4: duplicated NIP
            raw(other, superior="196001011985031001"),  # row 5: superior unknown
            raw("198502022010012001", superior="196001011985031001"),  # 6: known
        ),
        known_nips={"197001011995031001"},
    )
    assert [codes(row) for row in rows] == [
        [],
        [],
        ["duplicate_nip"],
        ["superior_not_found"],
        ["superior_not_found"],
    ]
    assert rows[2].errors[0].params == {"nip": STAFF, "first_row": 3}
    rows = ex.check_rows(
        numbered(raw(other, superior="196001011985031001")),
        known_nips={"196001011985031001"},
    )
    assert codes(rows[0]) == []


def test_superior_with_errors_and_loops():
    a, b, c = BOSS, STAFF, "198203152006041001"
    rows = ex.check_rows(
        numbered(
            raw(a, golongan="III/z"),  # row 2: error
            raw(b, superior=a),  # row 3: superior has errors
            raw(c, superior=b),  # row 4: and so on down the chain
        )
    )
    assert [codes(row) for row in rows] == [
        ["golongan"],
        ["superior_row_error"],
        ["superior_row_error"],
    ]
    assert rows[2].errors[0].params == {"row": 3}
    # The superior is already an employee: the row links to the database one.
    rows = ex.check_rows(
        numbered(raw(a, golongan="III/z"), raw(b, superior=a)), known_nips={a}
    )
    assert [codes(row) for row in rows] == [["golongan"], []]
    rows = ex.check_rows(
        numbered(
            raw(a, superior=c),
            raw(b, superior=a),
            raw(c, superior=b),
            raw("198502022010012001", superior=c),
        )
    )
    assert [codes(row) for row in rows][:3] == [["superior_loop"]] * 3
    assert rows[0].errors[0].params == {"rows": "2, 3, 4"}
    assert codes(rows[3]) == ["superior_row_error"]


def test_creation_levels_superiors_first():
    a, b, c, d = BOSS, STAFF, "198203152006041001", "198502022010012001"
    rows = ex.check_rows(
        numbered(raw(c, superior=b), raw(b, superior=a), raw(a), raw(d, superior=a)),
    )
    levels = ex.creation_levels(rows, existing_nips=set())
    assert [[row.nip for row in level] for level in levels] == [[a], [b, d], [c]]
    # b exists: it is updated, not created; c hangs under it at level 0.
    levels = ex.creation_levels(rows, existing_nips={b})
    assert [sorted(row.nip for row in level) for level in levels] == [
        sorted([a, c]),
        [d],
    ]


def test_nip_stored_as_a_number():
    """An 18-digit NIP typed as a number keeps 15 digits in a spreadsheet: it
    is refused, never read as other digits."""
    text = ex.cell_text(float(STAFF))
    assert text == "1.99001012015031E+17"
    row = ex.check_row(2, raw(text))
    assert codes(row) == ["nip_number"]
    assert ex.cell_text(int(STAFF)) == STAFF  # an exact integer is fine


def test_read_csv():
    text = "\ufeffNIP;Nama\n199001012015031003;Budi\n\n"
    headings, rows = ex.read_csv(text.encode())
    assert headings == ["NIP", "Nama"]
    assert rows[0] == ["199001012015031003", "Budi"]
    headings, rows = ex.read_csv("NIP,Nama\n1,Andi\u00e9\n".encode("cp1252"))
    assert rows == [["1", "Andi\u00e9"]]


def test_rows_from_table_keeps_file_numbers():
    rows = ex.rows_from_table(
        ["NIP", "Nama", "Jenis Pegawai", "Golongan", "Unor"],
        [
            [1990, "A", "PNS", "III/a", "U"],
            ["", "", "", "", ""],
            [STAFF, "B", "PNS", "III/a", "U"],
        ],
    )
    assert [number for number, _raw in rows] == [2, 4]
    assert rows[1][1]["nip"] == STAFF
    # A NIP typed as a number in a spreadsheet, and cells of other kinds.
    assert ex.cell_text(199001012015.0) == "199001012015"
    assert (ex.cell_text(None), ex.cell_text(" x "), ex.cell_text(3.5)) == (
        "",
        "x",
        "3.5",
    )


@pytest.mark.parametrize(
    ("nip", "asn_type", "birthday", "gender", "expected"),
    [
        (STAFF, "pns", None, None, ""),
        (STAFF, "pns", datetime.date(1990, 1, 1), "male", ""),
        ("", "pns", None, None, "missing"),
        ("", "non_asn", None, None, ""),
        ("199001012015033003", "pns", None, None, "invalid"),
        (STAFF, "pns", datetime.date(1990, 1, 2), "male", "birthday_mismatch"),
        (STAFF, "pns", datetime.date(1990, 1, 1), "female", "gender_mismatch"),
        ("200001012017031001", "pns", None, None, "young_appointment"),  # 17
        ("200001012018011001", "pns", None, None, ""),  # just 18
        (PPPK, "pppk", None, None, ""),
        ("12345", "pppk", None, None, "invalid"),
    ],
)
def test_nip_warning(nip, asn_type, birthday, gender, expected):
    assert ex.nip_warning(nip, asn_type, birthday, gender) == expected
