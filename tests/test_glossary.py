"""The Indonesian vocabulary follows docs/GLOSSARY.md: one concept, one term.

The glossary's "Avoid" column lists the variants ASN users would not
recognise as the official (PermenPANRB 6/2022, e-Kinerja) term. This suite
reads that column and fails when a translation in ``i18n/id.po``, a printed
QWeb template (``reports/*templates*.xml``) or a mail template
(``data/mail_template_data.xml``) uses one of them, so that the vocabulary
cannot drift again. It needs neither Odoo nor a database.

How an "Avoid" cell is read (the notes are the glossary's own words):

* items are separated by commas (outside quotes and parentheses) or by
  " / "; a trailing note in parentheses ("(alone)", "(they mean ...)") and
  the words "mixed", "on one screen", "on another" only explain the item;
* a variant matches whole words, case-insensitively (Indonesian enclitics
  such as "-nya" may follow), except where it lies inside one of the row's
  official terms: "Pejabat Penilai" inside "Pejabat Penilai Kinerja" is the
  official term, "Pejabat Penilai" alone is not;
* "Untuk Di…" is a prefix: capitalised "Untuk Di" starting a word (a filter
  label), matched case-sensitively since "untuk di..." is ordinary grammar;
* "X for Y alone" / '"X" alone for Y': X is avoided only in the strings of
  concept Y (``SCOPES`` says which PO entries those are);
* "(they mean ...)": the variants are right for that other meaning and only
  avoided in the strings of the row's concept;
* "English words left in a translation": the English words of the concept
  column may not appear in a translation.

An "Avoid" item this reader does not understand fails the suite, so that a
new glossary line is taught here rather than silently ignored.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ADDON_DIR = REPO_ROOT / "hr_asn_appraisal"
GLOSSARY = REPO_ROOT / "docs" / "GLOSSARY.md"
ID_PO = ADDON_DIR / "i18n" / "id.po"

# Which PO entries are the strings of a concept the glossary names in an
# "X for <concept> alone" note: a regular expression on the entry's
# occurrences (the `#: model:...` reference lines).
SCOPES = {
    # The coaching option, as opposed to counselling and to their umbrella
    # (Pembinaan Kinerja): the "coaching" values of the selections.
    "coaching": re.compile(r"\.selection__\w+__coaching$"),
    # The employee's predikat: the predikat selections and the per-predikat
    # fields (counts, shares, inclusions), not the organisational rating.
    "the employee predikat": re.compile(
        r"(\.selection__\w*predikat__kurang|"
        r"_(?:include|allow|count|share)_kurang)$"
    ),
}
# Proper names (of units, agencies, people) are not vocabulary: "Badan
# Kepegawaian dan Pengembangan SDM" is the name of an agency.
PROPER_NAME = re.compile(
    r"^model:(?:hr\.department|res\.company|res\.partner|hr\.employee),name:"
)
QUALIFIER = re.compile(r"\s+(?:mixed|on one screen|on another)$")
NOTE = re.compile(r"\s*\((?P<note>[^()]*(?:\([^()]*\))?[^()]*)\)$")
ALONE_FOR = re.compile(r'^"?(?P<term>[^"]+?)"? alone for (?P<scope>.+)$')
FOR_ALONE = re.compile(r"^(?P<term>.+?) for (?P<scope>.+?) alone$")
ENGLISH_LEFT = "English words left in a translation"
ENCLITIC = r"(?:nya|lah|kah|pun)?"


@dataclass
class Variant:
    text: str
    concept: str
    masks: list  # official terms of the row a match may lie inside
    scope: str = ""  # "" everywhere, else a key of SCOPES or "msgid:<regex>"
    prefix: bool = False
    translation_only: bool = False
    pattern: re.Pattern = field(init=False)

    def __post_init__(self):
        if self.prefix:
            self.pattern = re.compile(r"\b" + re.escape(self.text) + r"\w*")
            return
        body = re.escape(self.text)
        left = r"\b" if self.text[0].isalnum() else ""
        right = ENCLITIC + r"\b" if self.text[-1].isalnum() else ""
        self.pattern = re.compile(left + body + right, re.IGNORECASE)

    def find(self, text):
        """The matches of the variant in text that no official term covers."""
        covered = [
            m.span()
            for mask in self.masks
            for m in re.finditer(re.escape(mask), text, re.IGNORECASE)
        ]
        return [
            m.group(0)
            for m in self.pattern.finditer(text)
            if not any(s <= m.start() and m.end() <= e for s, e in covered)
        ]


def _split_outside(text, separators):
    """Split text on the separators that are outside quotes and parentheses."""
    parts, depth, quoted, start, i = [], 0, False, 0, 0
    while i < len(text):
        char = text[i]
        if char == '"':
            quoted = not quoted
        elif char == "(" and not quoted:
            depth += 1
        elif char == ")" and not quoted:
            depth -= 1
        elif depth == 0 and not quoted:
            sep = next((s for s in separators if text.startswith(s, i)), None)
            if sep:
                parts.append(text[start:i])
                start = i = i + len(sep)
                continue
        i += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _official_terms(use):
    """Every phrase of a "Use" cell, with and without its parentheses."""
    terms = set()
    for part in _split_outside(use, [", ", "; ", " / ", " = ", " + "]):
        terms.add(part.strip('"'))
        terms.add(re.sub(r"\s*\([^)]*\)", "", part).strip('"'))
        terms.update(re.findall(r"\(([^)]*)\)", part))
        terms.update(re.findall(r'"([^"]+)"', part))
    return sorted(t for t in terms if t)


def parse_glossary(text):
    """The variants to avoid, read from the glossary's table."""
    variants, rows, seen = [], 0, set()
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not line.startswith("|"):
            continue
        concept, use, avoid = cells
        if concept.startswith("Concept") or set(concept) <= {"-", " "}:
            continue
        rows += 1
        if not avoid:
            continue
        masks = _official_terms(use)
        if avoid == ENGLISH_LEFT:
            for word in _split_outside(concept, [", "]):
                variants.append(Variant(word, concept, [], translation_only=True))
            continue
        # "(they mean ...)": right words for another meaning, wrong for this one
        row_scope = ""
        if re.search(r"\(they mean [^)]*\)\s*$", avoid):
            keyword = concept.split()[0].lower().rstrip("e")
            row_scope = "msgid:" + re.escape(keyword)
        for item in _split_outside(avoid, [", ", " / "]):
            note = NOTE.search(item)
            if note:
                item = item[: note.start()]
            item = QUALIFIER.sub("", item).strip()
            scope = row_scope
            for form in (ALONE_FOR, FOR_ALONE):
                match = form.match(item)
                if match:
                    item, scope = match.group("term"), match.group("scope")
                    if scope not in SCOPES:
                        raise AssertionError(
                            f"GLOSSARY.md avoids {item!r} for {scope!r}: teach "
                            "tests/test_glossary.py (SCOPES) which strings those are"
                        )
                    break
            item = item.strip('"')
            prefix = item.endswith("…")
            item = item.rstrip("…")
            if not item or len(item.split()) > 5 or item not in text:
                raise AssertionError(
                    f"tests/test_glossary.py cannot read the avoid item {item!r} "
                    f"of {concept!r}"
                )
            # one variant per spelling: "pejabat penilai" = "Pejabat Penilai"
            if (item.lower(), scope) not in seen:
                seen.add((item.lower(), scope))
                variants.append(Variant(item, concept, masks, scope, prefix))
    return rows, variants


def _in_scope(variant, entry):
    if not variant.scope:
        return True
    if variant.scope.startswith("msgid:"):
        return bool(re.search(variant.scope[6:], entry.msgid, re.IGNORECASE))
    pattern = SCOPES[variant.scope]
    return any(pattern.search(occurrence) for occurrence, _line in entry.occurrences)


@pytest.fixture(scope="module")
def variants():
    rows, result = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))
    assert rows >= 30, "GLOSSARY.md: the table was not found"
    return result


def test_glossary_is_read(variants):
    """The reader understands the glossary (a few known lines, as written)."""
    by_text = {v.text.lower(): v for v in variants}
    for text in ("evaluasi berkala", "atasan pejabat penilai", "kursi", "terima"):
        assert text in by_text
    assert "Atasan Pejabat Penilai Kinerja" in by_text["atasan pejabat penilai"].masks
    assert by_text["kurang"].scope == "the employee predikat"
    assert by_text["pembinaan"].scope == "coaching"
    assert by_text["untuk di"].prefix
    assert by_text["chatter"].translation_only
    assert by_text["terima"].scope and by_text["diterima"].scope
    # the official term is not a variant of itself; the variant alone is
    assert not by_text["pejabat penilai"].find("Pejabat Penilai Kinerja")
    assert by_text["pejabat penilai"].find("oleh pejabat penilai.")
    assert by_text["siklus"].find("di luar siklusnya")
    assert not by_text["untuk di"].find("tidak ada IKI untuk diisi")
    assert by_text["untuk di"].find("Untuk Disetujui")


def test_translations_use_official_terms(variants):
    """No translation in id.po uses a variant the glossary says to avoid."""
    po = polib.pofile(str(ID_PO))
    found = []
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        if all(PROPER_NAME.match(occurrence) for occurrence, _ in entry.occurrences):
            continue
        for variant in variants:
            if not _in_scope(variant, entry):
                continue
            for match in variant.find(entry.msgstr):
                found.append(
                    f"{entry.msgid[:60]!r} -> {entry.msgstr[:70]!r}: "
                    f"{match!r} ({variant.concept})"
                )
    assert not found, (
        f"{len(found)} translations use a variant GLOSSARY.md avoids:\n"
        + "\n".join(found)
    )


def _template_files():
    reports = ADDON_DIR.glob("reports/*templates*.xml")
    return sorted([*reports, ADDON_DIR / "data" / "mail_template_data.xml"])


@pytest.mark.parametrize(
    "path", _template_files(), ids=lambda p: str(p.relative_to(ADDON_DIR))
)
def test_printed_and_mail_templates_use_official_terms(variants, path):
    """Printed documents and mails hard-code no variant the glossary avoids."""
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    found = [
        f"{match!r} ({variant.concept})"
        for variant in variants
        if not variant.scope and not variant.translation_only
        for match in variant.find(text)
    ]
    assert not found, f"{path.name} uses variants GLOSSARY.md avoids: {found}"


def test_unit_kerja_is_not_a_unit_of_measure():
    """ "Unit" is the organisational unit (Unit Kerja); the unit an output or a
    target is counted in (satuan) has its own source string, so that a field
    named *_unit never reads "Unit Kerja"."""
    po = polib.pofile(str(ID_PO))
    measures = [
        f"{entry.msgid!r} -> {entry.msgstr!r}: {occurrence}"
        for entry in po
        if "Unit Kerja" in entry.msgstr
        for occurrence, _line in entry.occurrences
        if re.search(r"\.field_\w+_unit$", occurrence)
    ]
    assert not measures, "\n".join(measures)
