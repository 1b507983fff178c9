"""Who may request which training programme, and which programmes fit an SKP.

Source: /work/shared/DOMAIN.md, section "Follow-up (tindak lanjut)":

* Competency development: every PNS is entitled to at least 20 JP (training
  hours) a year [R] -- a minimum, so no cap applies to a PNS; a PPPK may take
  at most 24 JP per contract year [S].
* Development plans come from competency gaps *and performance gaps* [R]:
  the predikat and the two ratings of the SKP decide which programmes are the
  most relevant.

Non-ASN staff are outside the process ("Who and what").

Everything here is plain Python; the models gather the inputs and turn a
:class:`Refusal` into a translated sentence.
"""

import datetime
from dataclasses import dataclass, field

PNS = "pns"
PPPK = "pppk"
ASN_TYPES = (PNS, PPPK)

# JP (jam pelajaran) limits per year, by ASN type. A PNS has a *minimum* of
# 20 JP a year, which is no limit on what may be requested.
PNS_JP_MINIMUM = 20
PPPK_JP_CAP = 24
JP_CAP_BY_ASN_TYPE = {PPPK: PPPK_JP_CAP}

# Refusal codes, in the order the checks run.
NOT_ASN = "not_asn"
PREDIKAT_NOT_ALLOWED = "predikat_not_allowed"
PROGRAM_ENDED = "program_ended"
PROGRAM_STARTED = "program_started"
NO_SEATS = "no_seats"
JP_CAP = "jp_cap"
CODES = (
    NOT_ASN,
    PREDIKAT_NOT_ALLOWED,
    PROGRAM_ENDED,
    PROGRAM_STARTED,
    NO_SEATS,
    JP_CAP,
)

# Programme categories.
TECHNICAL = "technical"
FUNCTIONAL = "functional"
MANAGERIAL = "managerial"
SOCIO_CULTURAL = "socio_cultural"
CATEGORIES = (TECHNICAL, FUNCTIONAL, MANAGERIAL, SOCIO_CULTURAL)
# Categories that build the competence behind the work results (Hasil Kerja).
WORK_CATEGORIES = frozenset({TECHNICAL, FUNCTIONAL})


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: a code from :data:`CODES` and plain values."""

    code: str
    params: dict = field(default_factory=dict)


def check_asn_type(asn_type):
    """Only ASN (PNS, PPPK) take part in the performance follow-up."""
    if asn_type not in ASN_TYPES:
        return Refusal(NOT_ASN, {"asn_type": asn_type})
    return None


def check_predikat(predikat, allowed_predikats):
    """The programme is open to the predikat of the SKP."""
    if predikat not in set(allowed_predikats or ()):
        return Refusal(
            PREDIKAT_NOT_ALLOWED,
            {"predikat": predikat, "allowed": tuple(sorted(allowed_predikats or ()))},
        )
    return None


def check_dates(date_start, date_end, today):
    """A programme is requested before it starts."""
    if date_end and date_end < today:
        return Refusal(PROGRAM_ENDED, {"date_end": date_end})
    if date_start and date_start <= today:
        return Refusal(PROGRAM_STARTED, {"date_start": date_start})
    return None


def check_seats(seats, seats_taken):
    """A seat is left; ``seats`` 0 means no limit."""
    if seats and seats_taken >= seats:
        return Refusal(NO_SEATS, {"seats": seats, "seats_taken": seats_taken})
    return None


def jp_cap_for(asn_type):
    """The most JP a year the ASN type may take, or None when unlimited."""
    return JP_CAP_BY_ASN_TYPE.get(asn_type)


def check_jp_cap(asn_type, jp_taken, jp_program):
    """A PPPK stays within 24 JP per contract year; a PNS has no cap."""
    cap = jp_cap_for(asn_type)
    if cap is not None and jp_taken + jp_program > cap:
        return Refusal(
            JP_CAP,
            {
                "cap": cap,
                "jp_taken": jp_taken,
                "jp_program": jp_program,
                "jp_left": max(cap - jp_taken, 0),
            },
        )
    return None


def check_eligibility(
    *,
    predikat,
    allowed_predikats,
    seats,
    seats_taken,
    date_start,
    date_end,
    today: datetime.date,
    asn_type,
    jp_taken,
    jp_program,
):
    """Return None if the request may be submitted, else the first Refusal.

    :param predikat: predikat code of the (done) SKP the request starts from
    :param allowed_predikats: predikat codes the programme is open to
    :param seats: seats of the programme, 0 for no limit
    :param seats_taken: seats already given to other requests
    :param date_start: first day of the programme
    :param date_end: last day of the programme
    :param today: the day of the check
    :param asn_type: ``pns``, ``pppk`` or anything else (non-ASN)
    :param jp_taken: JP the employee already holds in the programme's year
    :param jp_program: JP of the programme
    """
    checks = (
        lambda: check_asn_type(asn_type),
        lambda: check_predikat(predikat, allowed_predikats),
        lambda: check_dates(date_start, date_end, today),
        lambda: check_seats(seats, seats_taken),
        lambda: check_jp_cap(asn_type, jp_taken, jp_program),
    )
    for check in checks:
        refusal = check()
        if refusal:
            return refusal
    return None
