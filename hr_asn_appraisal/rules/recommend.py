"""Development recommendations that follow from a validated SKP.

Source: /work/shared/DOMAIN.md, "Follow-up" and "What the seeds add": good,
consistent performers get training, further education, promotion and
awards; those who need improvement get development (plans built on the
performance gaps [R]), coaching or counselling, and a disciplinary
recommendation as the last outcome of counselling [R, older rule].

Which predikat leads to which recommendation is data (``hr.asn.recommendation.rule``):
this module picks the rules of the SKP's predikat and gathers the facts that
explain them. The SKP has no rating per RHK or per BerAKHLAK value yet, so a
work rating "below expectation" puts every RHK in focus, and a behaviour
rating "below expectation" every BerAKHLAK value.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .predikat import BELOW, PREDIKATS, RATINGS


@dataclass(frozen=True)
class Facts:
    """What is known of one validated SKP."""

    predikat: str | None
    work_rating: str | None
    behavior_rating: str | None
    rhk: tuple[str, ...] = ()
    behavior_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecommendationRule:
    """A rule as data: its code and the predikat it applies to."""

    code: str
    predikat: str


def recommend(
    facts: Facts, rules: Iterable[RecommendationRule]
) -> list[tuple[str, dict]]:
    """The rules that apply to an SKP and the parameters that explain each.

    :returns: ``(rule code, params)`` per applying rule, in the order of
        ``rules``; params hold ``predikat``, ``work_rating``,
        ``behavior_rating`` (codes), ``focus_rhk`` (the RHK when work was
        rated below expectation, else empty) and ``focus_values`` (the
        BerAKHLAK values when behaviour was rated below expectation)
    :raises ValueError: on an unknown predikat or rating code
    """
    if facts.predikat and facts.predikat not in PREDIKATS:
        raise ValueError(f"Unknown predikat: {facts.predikat!r}")
    for rating in (facts.work_rating, facts.behavior_rating):
        if rating and rating not in RATINGS:
            raise ValueError(f"Unknown rating: {rating!r}")
    if not facts.predikat:
        return []
    params = {
        "predikat": facts.predikat,
        "work_rating": facts.work_rating,
        "behavior_rating": facts.behavior_rating,
        "focus_rhk": tuple(facts.rhk) if facts.work_rating == BELOW else (),
        "focus_values": (
            tuple(facts.behavior_values) if facts.behavior_rating == BELOW else ()
        ),
    }
    return [
        (rule.code, dict(params)) for rule in rules if rule.predikat == facts.predikat
    ]


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders of a template that HR may edit.

    Unknown placeholders are left as they are; nothing but plain names is
    substituted (no attribute or index access, unlike ``str.format``).
    """
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
        template or "",
    )
