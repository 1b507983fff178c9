"""Predikat Kinerja from the two ratings: the "kuadran kinerja".

Source: /work/shared/DOMAIN.md, section "Ratings and predikat"
(PermenPANRB 6/2022, Pasal 1 angka 8). The employee's Rating Hasil Kerja
(work results) and Rating Perilaku Kerja (work behaviour) each take one of
three values; together they give one of five predikat.
"""

# Rating codes (Di Bawah / Sesuai / Di Atas Ekspektasi).
BELOW = "below"
AS_EXPECTED = "as_expected"
ABOVE = "above"
RATINGS = (BELOW, AS_EXPECTED, ABOVE)

# Predikat codes, best first.
SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"
PREDIKATS = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

# (Rating Hasil Kerja, Rating Perilaku Kerja) -> predikat.
KUADRAN_KINERJA = {
    (ABOVE, BELOW): KURANG,
    (ABOVE, AS_EXPECTED): BAIK,
    (ABOVE, ABOVE): SANGAT_BAIK,
    (AS_EXPECTED, BELOW): KURANG,
    (AS_EXPECTED, AS_EXPECTED): BAIK,
    (AS_EXPECTED, ABOVE): BAIK,
    (BELOW, BELOW): SANGAT_KURANG,
    (BELOW, AS_EXPECTED): BUTUH_PERBAIKAN,
    (BELOW, ABOVE): BUTUH_PERBAIKAN,
}


def predikat_of(work_rating: str | None, behavior_rating: str | None) -> str | None:
    """Return the predikat code for a work rating and a behaviour rating.

    Returns ``None`` while either rating is not set (falsy).

    :raises ValueError: if a rating that is set is not one of :data:`RATINGS`
    """
    for rating in (work_rating, behavior_rating):
        if rating and rating not in RATINGS:
            raise ValueError(f"Unknown rating code: {rating!r}")
    if not work_rating or not behavior_rating:
        return None
    return KUADRAN_KINERJA[work_rating, behavior_rating]
