"""The distribution curve ("pola distribusi") of predikat within a unit.

Source: /work/shared/DOMAIN.md, "Organisational rating and the distribution
curve" [S, percentages U]. The unit's organisational rating (Istimewa, Baik,
Butuh Perbaikan, Kurang, Sangat Kurang) fixes which shares of the employee
predikat are acceptable. The table is configuration data; this module only
evaluates a rule, given as a list of :class:`Check`, against the counts per
predikat, and returns the breaches as plain data for the caller to phrase.

Four kinds of check express every line of the DOMAIN.md table:

* ``largest``: the checked predikat (summed when several) are the largest
  group: no other predikat has *more* SKPs. A tie is accepted (assumption:
  the sources say "the largest group" without saying how to break ties).
* ``max_share``: at most ``percent`` % of the unit's SKPs have one of the
  checked predikat ("no Sangat Baik" is a maximum of 0 %).
* ``min_share``: at least ``percent`` % of the unit's SKPs have one of them.
* ``required``: at least one SKP has one of them ("there must be some").

A unit without any rated SKP breaches nothing: there is nothing to check yet.

For the printed distribution curve, :func:`share_ranges` turns the checks on
a single predikat into the range of shares each bar may take; checks on a
group of predikat ("Kurang and/or Butuh Perbaikan") bound no single bar and
are left to the rule's text.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .predikat import PREDIKATS

# Organisational rating codes (predikat kinerja organisasi), best first.
ISTIMEWA = "istimewa"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"
ORG_RATINGS = (ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

# Check types.
LARGEST = "largest"
MAX_SHARE = "max_share"
MIN_SHARE = "min_share"
REQUIRED = "required"
CHECK_TYPES = (LARGEST, MAX_SHARE, MIN_SHARE, REQUIRED)


@dataclass(frozen=True)
class Check:
    """One condition of a distribution rule."""

    check_type: str
    predikats: frozenset[str]
    percent: float = 0.0

    def __post_init__(self):
        if self.check_type not in CHECK_TYPES:
            raise ValueError(f"Unknown check type: {self.check_type!r}")
        if not self.predikats:
            raise ValueError("A check needs at least one predikat.")
        unknown = set(self.predikats) - set(PREDIKATS)
        if unknown:
            raise ValueError(f"Unknown predikat: {sorted(unknown)!r}")
        if not 0 <= self.percent <= 100:
            raise ValueError(f"Percent out of range: {self.percent!r}")
        object.__setattr__(self, "predikats", frozenset(self.predikats))
        object.__setattr__(self, "percent", float(self.percent))


@dataclass(frozen=True)
class Breach:
    """A check that the unit's distribution does not meet.

    :ivar code: the check type that failed
    :ivar predikats: the checked predikat, best first
    :ivar percent: the limit of a share check (0 for the other types)
    :ivar count: SKPs that have one of the checked predikat
    :ivar total: SKPs of the unit that were counted
    :ivar share: ``count`` as a percentage of ``total``
    :ivar larger: for ``largest``: the predikat that outnumber the group
    """

    code: str
    predikats: tuple[str, ...]
    percent: float
    count: int
    total: int
    share: float
    larger: tuple[str, ...] = field(default=())


def _ordered(predikats: Iterable[str]) -> tuple[str, ...]:
    chosen = set(predikats)
    return tuple(p for p in PREDIKATS if p in chosen)


def _validated_counts(counts: Mapping[str, int]) -> dict[str, int]:
    result = dict.fromkeys(PREDIKATS, 0)
    for predikat, count in counts.items():
        if predikat not in result:
            raise ValueError(f"Unknown predikat: {predikat!r}")
        if count < 0:
            raise ValueError(f"Negative count for {predikat!r}: {count!r}")
        result[predikat] = int(count)
    return result


def shares(counts: Mapping[str, int]) -> dict[str, float]:
    """Percentage of each predikat among all counted SKPs (0.0 when none)."""
    counts = _validated_counts(counts)
    total = sum(counts.values())
    return {p: (100.0 * c / total if total else 0.0) for p, c in counts.items()}


def check_distribution(
    checks: Iterable[Check], counts: Mapping[str, int]
) -> list[Breach]:
    """Return the breaches of ``checks`` by the unit's ``counts`` per predikat.

    :param checks: the rule of the unit's organisational rating
    :param counts: SKPs per predikat code (missing codes count 0)
    :returns: one :class:`Breach` per failing check, in the order of ``checks``
    :raises ValueError: on an unknown predikat or a negative count
    """
    counts = _validated_counts(counts)
    total = sum(counts.values())
    if not total:
        return []
    breaches = []
    for check in checks:
        count = sum(counts[p] for p in check.predikats)
        # Compare count/total with percent/100 without float division.
        breached = False
        larger = ()
        if check.check_type == LARGEST:
            larger = _ordered(
                p for p in PREDIKATS if p not in check.predikats and counts[p] > count
            )
            breached = bool(larger)
        elif check.check_type == MAX_SHARE:
            breached = count * 100 > check.percent * total
        elif check.check_type == MIN_SHARE:
            breached = count * 100 < check.percent * total
        elif check.check_type == REQUIRED:
            breached = count == 0
        if breached:
            breaches.append(
                Breach(
                    code=check.check_type,
                    predikats=_ordered(check.predikats),
                    percent=check.percent
                    if check.check_type in (MAX_SHARE, MIN_SHARE)
                    else 0.0,
                    count=count,
                    total=total,
                    share=100.0 * count / total,
                    larger=larger,
                )
            )
    return breaches


@dataclass(frozen=True)
class ShareRange:
    """The share (in %) one predikat may take under a rule.

    :ivar low: the minimum share (0 when none)
    :ivar high: the maximum share (100 when none)
    :ivar largest: the predikat must be the largest group
    """

    low: float = 0.0
    high: float = 100.0
    largest: bool = False


def share_ranges(checks: Iterable[Check]) -> dict[str, ShareRange]:
    """{predikat: ShareRange} from the checks that bind one predikat alone.

    Several single-predikat limits combine (the tightest wins); a range whose
    limits cross (low > high) is returned as given: no distribution meets it.
    """
    bounds = {p: [0.0, 100.0, False] for p in PREDIKATS}
    for check in checks:
        if len(check.predikats) != 1:
            continue
        (predikat,) = check.predikats
        if check.check_type == MAX_SHARE:
            bounds[predikat][1] = min(bounds[predikat][1], check.percent)
        elif check.check_type == MIN_SHARE:
            bounds[predikat][0] = max(bounds[predikat][0], check.percent)
        elif check.check_type == LARGEST:
            bounds[predikat][2] = True
    return {
        p: ShareRange(low, high, largest) for p, (low, high, largest) in bounds.items()
    }
