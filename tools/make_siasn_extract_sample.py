"""Write the sample SIASN/SIMPEG employee extracts of data/ (deterministic).

    python tools/make_siasn_extract_sample.py

writes ``data/siasn_extract_sample_clean.csv`` (200 fictional employees of a
regional civil-service agency, every row valid) and
``data/siasn_extract_sample.csv`` (the same file with four realistic errors,
listed in data/README.md). A fixed seed: running it again gives the same
files. Large extracts for the benchmark come from :func:`extract_rows` too.
"""

import csv
import datetime
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
HEADINGS = [
    "NIP Baru",
    "Nama",
    "Jenis Pegawai",
    "Golongan",
    "Jabatan Nama",
    "Jenis Jabatan",
    "Jenjang Jabatan",
    "Unor Nama",
    "NIP Atasan",
]
FIRST = (
    "Agus Budi Dewi Eko Fitri Gita Hendra Indah Joko Kartika Lestari Made "
    "Nur Putri Rahmat Sari Siti Taufik Wahyu Yuliana Andi Bambang Citra Dian "
    "Fajar Hadi Irma Lukman Nanda Rina Sri Teguh Wulan Yusuf Arif Ratna"
).split()
LAST = (
    "Santoso Wibowo Siregar Nasution Lubis Hasibuan Saragih Simanjuntak "
    "Pratama Kusuma Wijaya Hidayat Setiawan Permana Nugroho Rahayu Suryani "
    "Lestari Utami Purnomo Gunawan Harahap Tanjung Sembiring Pohan Daulay "
    "Manurung Panjaitan Situmorang Ginting"
).split()
BIDANG = (
    "Bidang Pengadaan dan Pemberhentian",
    "Bidang Mutasi dan Promosi",
    "Bidang Pengembangan Kompetensi",
    "Bidang Penilaian Kinerja dan Penghargaan",
)
SUB = {
    "Sekretariat": ("Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan"),
    BIDANG[0]: ("Sub Bidang Pengadaan", "Sub Bidang Pemberhentian"),
    BIDANG[1]: ("Sub Bidang Mutasi", "Sub Bidang Promosi"),
    BIDANG[2]: ("Sub Bidang Diklat Struktural", "Sub Bidang Diklat Teknis"),
    BIDANG[3]: ("Sub Bidang Penilaian Kinerja", "Sub Bidang Penghargaan"),
}
PELAKSANA = (
    "Pengadministrasi Umum",
    "Pengelola Data Kepegawaian",
    "Pengadministrasi Keuangan",
    "Pengolah Data",
    "Verifikator Keuangan",
)
JF = (
    ("Analis SDM Aparatur", ("Ahli Pertama", "Ahli Muda")),
    ("Pranata Komputer", ("Terampil", "Mahir", "Ahli Pertama")),
    ("Arsiparis", ("Terampil", "Ahli Pertama")),
)
PNS_RANKS = {
    "head": ("IV/c", "IV/d"),
    "administrator": ("IV/a", "IV/b"),
    "pengawas": ("III/c", "III/d"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Pertama": ("III/a", "III/b"),
    "Mahir": ("II/d", "III/a"),
    "Terampil": ("II/b", "II/c"),
    "pelaksana": ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"),
}


class Maker:
    def __init__(self, seed=15):
        self.random = random.Random(seed)
        self.serials = {}

    def name(self):
        pick = self.random.choice
        return f"{pick(FIRST)} {pick(LAST)}"

    def nip(self, min_age, max_age, pppk=False):
        """A valid NIP (PNS) or PPPK number, unique in the run."""
        rnd = self.random
        while True:
            age = rnd.randint(min_age, max_age)
            birth = datetime.date(2025 - age, rnd.randint(1, 12), rnd.randint(1, 28))
            if pppk:
                appointed = (rnd.choice((2022, 2023, 2024)), rnd.choice((1, 3, 4)))
            else:
                year = birth.year + rnd.randint(22, 30)
                appointed = (min(year, 2024), rnd.randint(1, 12))
            gender = rnd.choice("12")
            key = (birth, appointed, gender)
            serial = self.serials.get(key, 0) + 1
            if serial > 999:
                continue
            self.serials[key] = serial
            middle = f"{appointed[0]:04d}{appointed[1]:02d}"
            return f"{birth:%Y%m%d}{middle}{gender}{serial:03d}"


def extract_rows(n=200, seed=15):
    """``n`` rows (dicts by heading) of a regional agency: its head, the
    secretary and four heads of division, two sub-units each, and staff
    (pelaksana, JF and a few PPPK) under them; a larger ``n`` repeats the
    agency's divisions as further offices."""
    maker = Maker(seed)
    rnd = maker.random
    rows = []

    def add(name, kind, golongan, position, position_type, level, unit, boss):
        pppk = kind == "PPPK"
        nip = maker.nip(24, 55, pppk=pppk) if kind != "head" else maker.nip(48, 56)
        rows.append(
            {
                "NIP Baru": nip,
                "Nama": name,
                "Jenis Pegawai": "PPPK" if pppk else "PNS",
                "Golongan": golongan,
                "Jabatan Nama": position,
                "Jenis Jabatan": position_type,
                "Jenjang Jabatan": level,
                "Unor Nama": unit,
                "NIP Atasan": boss,
            }
        )
        return nip

    office = 0
    while len(rows) < n:
        office += 1
        suffix = "" if office == 1 else f" {office}"
        head = add(
            maker.name(),
            "head",
            rnd.choice(PNS_RANKS["head"]),
            "Kepala Badan Kepegawaian dan Pengembangan SDM",
            "JPT",
            "Pratama",
            f"Badan Kepegawaian dan Pengembangan SDM{suffix}",
            "",
        )
        staffed = []
        for division, subs in SUB.items():
            title = "Sekretaris" if division == "Sekretariat" else f"Kepala {division}"
            chief = add(
                maker.name(),
                "pns",
                rnd.choice(PNS_RANKS["administrator"]),
                title,
                "Administrator",
                "",
                division + suffix,
                head,
            )
            for sub in subs:
                kind = "Kepala Sub Bagian" if "Bagian" in sub else "Kepala Sub Bidang"
                sub_head = add(
                    maker.name(),
                    "pns",
                    rnd.choice(PNS_RANKS["pengawas"]),
                    f"{kind} {sub.split(' ', 2)[2]}",
                    "Pengawas",
                    "",
                    sub + suffix,
                    chief,
                )
                staffed.append((sub + suffix, sub_head, chief))
        index = 0
        while len(rows) < min(n, 200 * office):
            unit, sub_head, chief = staffed[index % len(staffed)]
            index += 1
            draw = rnd.random()
            if draw < 0.15:
                add(
                    maker.name(),
                    "PPPK",
                    rnd.choice(("V", "VII", "IX")),
                    rnd.choice(PELAKSANA),
                    "Pelaksana",
                    "",
                    unit,
                    sub_head,
                )
            elif draw < 0.4:
                position, levels = rnd.choice(JF)
                level = rnd.choice(levels)
                add(
                    maker.name(),
                    "pns",
                    rnd.choice(PNS_RANKS[level]),
                    f"{position} {level}",
                    "Fungsional",
                    level,
                    unit,
                    chief,  # a JF reports to the head of the division
                )
            else:
                add(
                    maker.name(),
                    "pns",
                    rnd.choice(PNS_RANKS["pelaksana"]),
                    rnd.choice(PELAKSANA),
                    "Pelaksana",
                    "",
                    unit,
                    sub_head,
                )
    return rows[:n]


# The four errors of the sample, by row number in the file (the heading is
# row 1): what the import reports for each.
ERRORS = {
    57: "bad NIP: the gender digit is 3",
    88: "duplicated NIP: the NIP of row 87 typed again",
    131: "unknown golongan III/e (III ends at III/d)",
    176: "superior NIP not found: a retired official",
}
RETIRED_BOSS = "196203121985031004"


def with_errors(rows):
    """The clean rows with the four errors of :data:`ERRORS`."""
    rows = [dict(row) for row in rows]

    def at(number):
        return rows[number - 2]

    nip = at(57)["NIP Baru"]
    at(57)["NIP Baru"] = nip[:14] + "3" + nip[15:]
    at(88)["NIP Baru"] = at(87)["NIP Baru"]
    at(131)["Golongan"] = "III/e"
    at(176)["NIP Atasan"] = RETIRED_BOSS
    return rows


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, HEADINGS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    clean = extract_rows(200)
    bosses = {row["NIP Atasan"] for row in clean}
    for number in ERRORS:
        # the errors are on staff rows: nobody's superior
        assert clean[number - 2]["NIP Baru"] not in bosses, number
    assert clean[131 - 2]["Jenis Pegawai"] == "PNS"
    write(DATA / "siasn_extract_sample_clean.csv", clean)
    write(DATA / "siasn_extract_sample.csv", with_errors(clean))


if __name__ == "__main__":
    main()
