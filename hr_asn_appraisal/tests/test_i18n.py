import re

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")


@tagged("post_install", "-at_install")
class TestIndonesianTranslation(TransactionCase):
    """i18n/id.po translates every string the addon shows, placeholders intact."""

    def test_every_term_has_an_indonesian_translation(self):
        reader = TranslationModuleReader(
            self.env.cr, modules=["hr_asn_appraisal"], lang="en_US"
        )
        sources = {
            source
            for module, _type, _name, _res_id, source, _value, _comments in reader
            if module == "hr_asn_appraisal" and source and source.strip()
        }
        self.assertGreater(len(sources), 100)
        po = polib.pofile(file_path("hr_asn_appraisal/i18n/id.po"))
        translated = {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgstr}
        missing = sorted(sources - set(translated))
        self.assertFalse(
            missing,
            "Untranslated in i18n/id.po (run the export, then translate):\n"
            + "\n".join(missing[:50]),
        )
        fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
        self.assertFalse(fuzzy, f"Fuzzy entries in id.po: {fuzzy[:10]}")

    def test_placeholders_survive_translation(self):
        po = polib.pofile(file_path("hr_asn_appraisal/i18n/id.po"))
        for entry in po:
            if not entry.msgstr:
                continue
            with self.subTest(msgid=entry.msgid):
                self.assertEqual(
                    sorted(PLACEHOLDER.findall(entry.msgid)),
                    sorted(PLACEHOLDER.findall(entry.msgstr)),
                )

    def test_legal_terms_stay_indonesian(self):
        """SKP, predikat names and BerAKHLAK are legal terms: never translated."""
        po = polib.pofile(file_path("hr_asn_appraisal/i18n/id.po"))
        for entry in po:
            for term in ("SKP", "RHK", "IKI", "BerAKHLAK", "Sangat Baik"):
                if term in entry.msgid and entry.msgstr:
                    with self.subTest(msgid=entry.msgid, term=term):
                        self.assertIn(term, entry.msgstr)
