"""Attack suite: ratings stay private until validated (issue #12, holes 1
and 2, and item 4 "no reading through references the user may not read").

Until HR validates an SKP, its employee sees nothing of the appraiser's work
in progress: the two ratings, the appraiser's notes, the predikat, and what
derives from them (credit points, allowance adjustment). Nobody reads the
ratings of an SKP they may not read, whatever object points at it.
"""

from odoo.tests import tagged

from .common_attack import AttackCase

CONFIDENTIAL = (
    "work_rating",
    "behavior_rating",
    "rating_note",
    "predikat",
    "credit_points",
    "allowance_adjustment",
)
# What this year's SKP carries once rated (Di Atas / Di Atas: Sangat Baik; a JF
# Ahli Pertama: 150 % x 12.5 credit points; company A's table: +2 %).
INTERIM = {
    "work_rating": "above",
    "behavior_rating": "above",
    "predikat": "sangat_baik",
    "credit_points": 18.75,
    "allowance_adjustment": 2.0,
}
# Their labels, as a chatter line or a printed document would show them.
INTERIM_LABELS = ("Di Atas Ekspektasi", "Sangat Baik")
WIZARD = "hr.asn.training.request.wizard"


@tagged("post_install", "-at_install")
class TestAttackConfidentiality(AttackCase):
    attack_documents = ("skp", "skp_prev", "skp_hr", "unit_rating")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc["skp"].sudo().write({"rating_note": "Catatan penilai: sangat teliti."})

    # ------------------------------------------------------------------
    # Hole 1: a wizard reads the ratings of any SKP it is given
    # ------------------------------------------------------------------
    def _wizard_reveals(self, role, skp):
        """What role learns of skp's ratings through the training-request
        wizard, as the web client would build it: onchange, then save, then
        read back. Returns the revealed values ({} when refused)."""
        revealed = {}
        fields_spec = {
            "appraisal_id": {},
            "predikat": {},
            "work_rating": {},
            "behavior_rating": {},
        }
        onchange = self.call(
            role,
            WIZARD,
            "onchange",
            [],
            {"appraisal_id": skp.id},
            ["appraisal_id"],
            fields_spec,
        )
        if onchange.ok:
            value = onchange.result.get("value", {})
            revealed.update(
                {k: v for k, v in value.items() if k != "appraisal_id" and v}
            )
        else:
            self.assertCleanError(onchange, f"{role}: wizard onchange")
        saved = self.call(
            role, WIZARD, "web_save", [], {"appraisal_id": skp.id}, fields_spec
        )
        if saved.ok:
            for row in saved.result:
                revealed.update(
                    {
                        k: v
                        for k, v in row.items()
                        if k in fields_spec and k != "appraisal_id" and v
                    }
                )
            wizard_ids = [row["id"] for row in saved.result]
            read = self.call(
                role,
                WIZARD,
                "read",
                wizard_ids,
                ["predikat", "work_rating", "behavior_rating"],
            )
            if read.ok:
                for row in read.result:
                    revealed.update({k: v for k, v in row.items() if k != "id" and v})
            else:
                self.assertCleanError(read, f"{role}: wizard read")
        else:
            self.assertCleanError(saved, f"{role}: wizard save")
        created = self.call(role, WIZARD, "create", {"appraisal_id": skp.id})
        if created.ok:
            read = self.call(
                role,
                WIZARD,
                "read",
                [created.result],
                ["predikat", "work_rating", "behavior_rating"],
            )
            if read.ok:
                for row in read.result:
                    revealed.update({k: v for k, v in row.items() if k != "id" and v})
            else:
                self.assertCleanError(read, f"{role}: wizard read")
        else:
            self.assertCleanError(created, f"{role}: wizard create")
        return revealed

    def test_hole1_wizard_reveals_no_rating_of_other_peoples_skp(self):
        """Staff (and another company's HR) build the training-request wizard
        on SKPs they may not read: refused, or it shows no rating."""
        doc = self.doc
        attacks = (
            ("colleague", doc["skp_prev"]),  # a colleague's validated SKP
            ("colleague", doc["skp"]),  # a colleague's rated SKP
            ("colleague", doc["skp_hr"]),  # the HR officer's own SKP
            ("other", doc["skp_prev"]),  # another company's SKP
        )
        for role, skp in attacks:
            with self.subTest(role=role, skp=skp.display_name):
                self.assertFalse(
                    self._wizard_reveals(role, skp),
                    f"{role} reads the ratings of {skp.name} via the wizard",
                )

    def test_hole1_wizard_does_not_leak_interim_rating_to_the_employee(self):
        """The employee's own SKP, rated but not validated: the wizard is one
        more path to the interim predikat, and must not reveal it either."""
        self.assertFalse(self._wizard_reveals("employee", self.doc["skp"]))

    def test_references_across_companies(self):
        """Another company's HR officer builds the unit-rating validation
        wizard on company A's unit rating: refused, or it shows nothing of it
        (counts, breaches)."""
        unit_rating = self.doc["unit_rating"]
        model = "hr.asn.unit.rating.validate.wizard"
        spec = {"count_to_validate": {}, "is_compliant": {}, "breach_text": {}}
        saved = self.call(
            "other", model, "web_save", [], {"unit_rating_id": unit_rating.id}, spec
        )
        if saved.ok:
            for row in saved.result:
                leaked = {k: v for k, v in row.items() if k in spec and v}
                self.assertFalse(leaked, f"company B reads company A's unit: {leaked}")
        else:
            self.assertCleanError(saved, "other: unit rating wizard")

    # ------------------------------------------------------------------
    # Hole 2: the employee sees their interim predikat
    # ------------------------------------------------------------------
    def _assert_hidden(self, rows, what):
        for row in rows:
            shown = {f: row[f] for f in CONFIDENTIAL if f in row and row[f]}
            self.assertFalse(shown, f"{what}: the employee sees {shown}")

    def test_hole2_chatter_shows_no_interim_rating(self):
        skp = self.doc["skp"]
        outcome = self.messages("employee", skp)
        result = self.assertAllowed(outcome, "the employee's own chatter")
        messages = result["data"].get("mail.message", [])
        self.assertTrue(messages)
        tracked = {
            value["fieldName"]
            for message in messages
            for value in message.get("trackingValues", [])
        }
        self.assertFalse(
            tracked & set(CONFIDENTIAL),
            f"the employee's chatter tracks {tracked & set(CONFIDENTIAL)}",
        )
        text = str(messages)
        for label in INTERIM_LABELS:
            self.assertNotIn(label, text, f"the employee's chatter shows {label!r}")

    def test_hole2_read_paths_show_nothing(self):
        skp = self.doc["skp"]
        read = self.call("employee", skp._name, "read", skp.ids, list(CONFIDENTIAL))
        self._assert_hidden(self.assertAllowed(read, "read"), "read")
        web_read = self.call(
            "employee",
            skp._name,
            "web_read",
            skp.ids,
            specification={f: {} for f in CONFIDENTIAL},
        )
        self._assert_hidden(self.assertAllowed(web_read, "web_read"), "web_read")
        listed = self.call(
            "employee",
            skp._name,
            "web_search_read",
            domain=[("id", "=", skp.id)],
            specification={f: {} for f in CONFIDENTIAL},
        )
        self._assert_hidden(self.assertAllowed(listed)["records"], "web_search_read")
        old_list = self.call(
            "employee",
            skp._name,
            "search_read",
            [("id", "=", skp.id)],
            list(CONFIDENTIAL),
        )
        self._assert_hidden(self.assertAllowed(old_list), "search_read")
        exported = self.call(
            "employee", skp._name, "export_data", skp.ids, list(CONFIDENTIAL)
        )
        if exported.ok:
            for row in exported.result["datas"]:
                shown = [v for v in row if v not in ("", False, 0, 0.0, None)]
                self.assertFalse(shown, f"export_data shows {shown}")
        else:
            self.assertCleanError(exported, "export_data")

    def test_hole2_search_paths_reveal_nothing(self):
        """A filter on a hidden value must not tell it: the SKP is found by the
        right value and by a wrong one alike (or by neither, or refused)."""
        skp = self.doc["skp"]
        probes = (
            ("predikat", "=", "sangat_baik", "kurang"),
            ("predikat", "!=", False, "kurang"),
            ("work_rating", "=", "above", "below"),
            ("behavior_rating", "=", "above", "below"),
            ("credit_points", "=", 18.75, 3.125),
            ("credit_points", ">", 0, 100),
            ("allowance_adjustment", "=", 2.0, -2.0),
            ("rating_note", "ilike", "teliti", "malas"),
        )
        for fname, operator, right, wrong in probes:
            field = skp._fields[fname]
            if not (field.store or field.search):
                continue  # not searchable at all: nothing to find
            with self.subTest(field=fname, operator=operator):
                found = {}
                for value in (right, wrong):
                    domain = [("id", "=", skp.id), (fname, operator, value)]
                    count = self.call("employee", skp._name, "search_count", domain)
                    if count.ok:
                        found[value] = count.result
                    else:
                        self.assertCleanError(count, f"search on {fname}")
                        found[value] = 0
                self.assertFalse(
                    found[right] and not found[wrong],
                    f"a filter on {fname} {operator} {right!r} finds the employee's "
                    f"SKP, one on {wrong!r} does not",
                )

    def test_hole2_group_by_reveals_nothing(self):
        skp = self.doc["skp"]
        domain = [("id", "=", skp.id)]
        for groupby in ("predikat", "work_rating", "behavior_rating"):
            with self.subTest(groupby=groupby):
                grouped = self.call(
                    "employee",
                    skp._name,
                    "web_read_group",
                    domain=domain,
                    fields=["credit_points:sum"],
                    groupby=[groupby],
                )
                if not grouped.ok:
                    self.assertCleanError(grouped, f"group by {groupby}")
                    continue
                for group in grouped.result["groups"]:
                    count = group.get(f"{groupby}_count") or group.get("__count") or 0
                    if count:
                        self.assertFalse(group[groupby], f"group by {groupby}: {group}")
                        self.assertFalse(group.get("credit_points"), f"sum: {group}")
        for aggregate in ("credit_points:sum", "credit_points:max"):
            with self.subTest(aggregate=aggregate):
                grouped = self.call(
                    "employee",
                    skp._name,
                    "read_group",
                    domain,
                    [aggregate],
                    ["employee_id"],
                )
                if grouped.ok:
                    for group in grouped.result:
                        self.assertFalse(
                            group.get("credit_points"), f"{aggregate}: {group}"
                        )
                else:
                    self.assertCleanError(grouped, aggregate)

    def test_hole2_sort_reveals_nothing(self):
        """Sorting the employee's own SKPs by a hidden field: the order of the
        interim SKP must not depend on its interim value. Two scenarios that
        differ only in the interim ratings must list in the same order."""
        skp, skp_prev = self.doc["skp"], self.doc["skp_prev"]
        domain = [("id", "in", (skp | skp_prev).ids)]
        orders = (
            "work_rating asc, id asc",
            "credit_points asc, id asc",
            "predikat desc, id asc",
        )

        def listing():
            result = {}
            for order in orders:
                outcome = self.call(
                    "employee",
                    skp._name,
                    "web_search_read",
                    domain=domain,
                    specification={"id": {}},
                    order=order,
                )
                result[order] = (
                    [row["id"] for row in outcome.result["records"]]
                    if outcome.ok
                    else outcome.error
                )
            return result

        high = listing()
        # The appraiser changes their mind: Di Bawah / Di Bawah (Sangat Kurang).
        skp.sudo().write({"work_rating": "below", "behavior_rating": "below"})
        low = listing()
        self.assertEqual(high, low, "the sort order reveals the interim rating")

    def test_hole2_printed_documents_show_nothing(self):
        skp = self.doc["skp"]
        for report_name in (
            "hr_asn_appraisal.report_evaluation",
            "hr_asn_appraisal.report_skp",
        ):
            with self.subTest(report=report_name):
                outcome = self.report("employee", report_name, skp)
                if not outcome.ok:
                    self.assertCleanError(outcome, report_name)
                    continue
                for label in INTERIM_LABELS:
                    self.assertNotIn(
                        label, outcome.result, f"{report_name} shows {label}"
                    )

    def test_hole2_employee_sees_the_result_once_validated(self):
        skp = self.doc["skp"]
        before = self.call("employee", skp._name, "read", skp.ids, list(INTERIM))
        self._assert_hidden(self.assertAllowed(before), "before validation")
        self.assertAllowed(self.call("hr", skp._name, "action_validate", skp.ids))
        after = self.assertAllowed(
            self.call("employee", skp._name, "read", skp.ids, list(INTERIM))
        )[0]
        self.assertEqual({f: after[f] for f in INTERIM}, INTERIM)
        report = self.report("employee", "hr_asn_appraisal.report_evaluation", skp)
        self.assertIn("Sangat Baik", self.assertAllowed(report))
