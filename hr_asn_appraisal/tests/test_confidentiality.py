from lxml import html as lxml_html

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import AsnAppraisalCase

# Kuadran kinerja (PermenPANRB 6/2022): above/above gives Sangat Baik,
# below/above gives Butuh Perbaikan.
ABOVE_ABOVE = {"work_rating": "above", "behavior_rating": "above"}
# PermenPANRB 1/2023: Ahli Pertama earns 12.5 credit points a year; Sangat
# Baik counts 150 %.
CREDIT_SANGAT_BAIK_AHLI_PERTAMA = 18.75
# The test agency's allowance table: Sangat Baik +5 %.
ALLOWANCE_SANGAT_BAIK = 5.0

RATING_FIELDS = ["work_rating", "behavior_rating", "rating_note", "predikat"]
DERIVED_FIELDS = ["credit_points", "allowance_adjustment"]
EVALUATION = "hr_asn_appraisal.action_report_evaluation"
CHECKIN_EVALUATION = "hr_asn_appraisal.action_report_checkin_evaluation"


class TrackedSkpMixin:
    """An SKP rated Sangat Baik with its chatter tracking written, as in
    separate requests (mail.thread tracks a record from the transaction after
    its creation on)."""

    def _end_request(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tracked_rated_skp(self):
        skp = self._create_skp(self.emp_staff)
        self._end_request()
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(ABOVE_ABOVE)
        skp.with_user(self.user_appraiser).action_rate()
        self._end_request()
        return skp

    def _validate(self):
        self.skp.with_user(self.user_hr).action_validate()
        self._end_request()


class ConfidentialityCase(TrackedSkpMixin, AsnAppraisalCase):
    """The staff member is a JF Ahli Pertama (credit points) in an agency
    with an allowance table; each test starts from their SKP rated Sangat
    Baik by the appraiser, not validated yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_staff.write(
            {"asn_position_type": "fungsional", "asn_position_level": "ahli_pertama"}
        )
        cls.env["hr.asn.allowance.rule"].create(
            {
                "company_id": cls.company.id,
                "predikat": "sangat_baik",
                "adjustment_percent": ALLOWANCE_SANGAT_BAIK,
            }
        )
        export = cls.env.ref("base.group_allow_export")
        (cls.user_staff | cls.user_appraiser | cls.user_hr).write(
            {"groups_id": [(4, export.id)]}
        )

    def setUp(self):
        super().setUp()
        self.skp = self._tracked_rated_skp()
        self.skp.with_user(self.user_appraiser).write(
            {"rating_note": "Pertahankan kinerja pelayanan data."}
        )

    def _as(self, user, records=None):
        return (records or self.skp).with_user(user)


@tagged("post_install", "-at_install")
class TestConfidentialRecordPaths(ConfidentialityCase):
    """read, web_read, search, sort, read_group, export, onchange: the
    employee gets nothing of their own interim result before validation and
    everything after; the appraiser and HR see the work in progress."""

    def test_read_hides_ratings_and_derived_values(self):
        """read(): ratings, note, predikat, credit points and allowance read
        empty for the employee, real for the appraiser and HR."""
        fields = RATING_FIELDS + DERIVED_FIELDS
        hidden = self._as(self.user_staff).read(fields)[0]
        self.assertEqual(
            {name: hidden[name] for name in fields},
            {
                "work_rating": False,
                "behavior_rating": False,
                "rating_note": False,
                "predikat": False,
                "credit_points": 0.0,
                "allowance_adjustment": 0.0,
            },
        )
        for user in (self.user_appraiser, self.user_hr):
            with self.subTest(user=user.login):
                values = self._as(user).read(fields)[0]
                self.assertEqual(values["predikat"], "sangat_baik")
                self.assertEqual(values["work_rating"], "above")
                # Credit points and allowance are decided at validation.
                self.assertEqual(values["credit_points"], 0.0)
                self.assertEqual(values["allowance_adjustment"], 0.0)
        self._validate()
        shown = self._as(self.user_staff).read(fields)[0]
        self.assertEqual(shown["predikat"], "sangat_baik")
        self.assertEqual(shown["rating_note"], "Pertahankan kinerja pelayanan data.")
        self.assertAlmostEqual(shown["credit_points"], CREDIT_SANGAT_BAIK_AHLI_PERTAMA)
        self.assertEqual(shown["allowance_adjustment"], ALLOWANCE_SANGAT_BAIK)

    def test_colleague_reads_nothing_and_hr_appraisee_is_withheld_too(self):
        """A colleague cannot read the SKP at all; an HR officer who is the
        appraisee of an SKP gets its values withheld like any employee."""
        with self.assertRaises(AccessError):
            self._as(self.user_colleague).read(["predikat"])
        self.assertFalse(
            self.env["hr.asn.appraisal"]
            .with_user(self.user_colleague)
            .search([("predikat", "=", "sangat_baik")])
        )
        self.user_colleague.write(
            {
                "groups_id": [
                    (4, self.env.ref("hr_asn_appraisal.group_hr_asn_officer").id)
                ]
            }
        )
        own = self._create_skp(self.emp_colleague)
        own.with_user(self.user_hr).action_submit()
        own.with_user(self.user_appraiser).action_approve()
        own.with_user(self.user_appraiser).write(ABOVE_ABOVE)
        self.assertFalse(
            self._as(self.user_colleague, own).read(["predikat"])[0]["predikat"]
        )
        self.assertEqual(
            self._as(self.user_colleague).read(["predikat"])[0]["predikat"],
            "sangat_baik",
            "another employee's SKP: the officer's work",
        )

    def test_the_person_not_the_current_record(self):
        """Withheld from the person: an SKP of another employee record of the
        same user (another company, archived) is theirs too."""
        self.user_staff.write({"company_ids": [(4, self.other_company.id)]})
        other = self.env["hr.employee"].create(
            {
                "name": "Staf Satu (Dinas Lain)",
                "company_id": self.other_company.id,
                "user_id": self.user_staff.id,
                "asn_type": "pns",
                "asn_nip": "199001012015031003",
            }
        )
        other.action_archive()
        skp = self.env["hr.asn.appraisal"].new(
            {"employee_id": other.id, "state": "rated"}
        )
        self.assertTrue(skp.with_user(self.user_staff)._asn_withheld())
        self.assertFalse(skp.with_user(self.user_colleague)._asn_withheld())
        skp.state = "done"
        self.assertFalse(skp.with_user(self.user_staff)._asn_withheld())

    def test_web_read_hides_values_and_recommendations(self):
        """web_read (the form): the same fields, and the recommendations HR
        added, are empty for the employee until validation."""
        self.env["hr.asn.recommendation"].with_user(self.user_hr).create(
            {
                "appraisal_id": self.skp.id,
                "name": "Pelatihan kepemimpinan",
                "recommendation_type": "training",
            }
        )
        spec = {
            **{name: {} for name in RATING_FIELDS + DERIVED_FIELDS},
            "recommendation_ids": {"fields": {"name": {}, "predikat": {}}},
        }
        web = self._as(self.user_staff).web_read(spec)[0]
        self.assertFalse(any(web[name] for name in spec), web)
        # one user per request: the x2many cache is per user in real use
        self.env.invalidate_all()
        appraiser = self._as(self.user_appraiser).web_read(spec)[0]
        self.assertEqual(appraiser["predikat"], "sangat_baik")
        self.assertEqual(
            [r["name"] for r in appraiser["recommendation_ids"]],
            ["Pelatihan kepemimpinan"],
        )
        self._validate()
        self.env.invalidate_all()
        web = self._as(self.user_staff).web_read(spec)[0]
        self.assertEqual(web["predikat"], "sangat_baik")
        self.assertIn(
            "Pelatihan kepemimpinan", [r["name"] for r in web["recommendation_ids"]]
        )
        self.assertTrue(
            all(r["predikat"] == "sangat_baik" for r in web["recommendation_ids"])
        )

    def test_search_and_order_leave_the_own_pending_skp_out(self):
        """A filter or a sort on a confidential field, of the SKP or through a
        reference to it, would tell by which records come back."""
        Skp = self.env["hr.asn.appraisal"].with_user(self.user_staff)
        own = [("id", "=", self.skp.id)]
        self.assertEqual(Skp.search(own), self.skp, "a plain search finds it")
        for domain in (
            [("predikat", "=", "sangat_baik")],
            [("predikat", "!=", "baik")],
            [("work_rating", "=", "above")],
            [("credit_points", ">", 0)],
            [("rating_note", "ilike", "pelayanan")],
        ):
            with self.subTest(domain=domain):
                self.assertFalse(Skp.search(own + domain))
        for order in ("predikat desc", "credit_points", "work_rating, id"):
            with self.subTest(order=order):
                self.assertFalse(Skp.search(own, order=order))
        Checkin = self.env["hr.asn.checkin"].with_user(self.user_staff)
        self.assertTrue(Checkin.search([("appraisal_id", "=", self.skp.id)]))
        self.assertFalse(
            Checkin.search([("appraisal_id.predikat", "=", "sangat_baik")]),
            "a path through another model is guarded by the SKP's own search",
        )
        appraiser = self.env["hr.asn.appraisal"].with_user(self.user_appraiser)
        self.assertEqual(
            appraiser.search(own + [("predikat", "=", "sangat_baik")]), self.skp
        )
        self._validate()
        self.assertEqual(Skp.search(own + [("predikat", "=", "sangat_baik")]), self.skp)
        self.assertEqual(Skp.search(own, order="credit_points desc"), self.skp)
        self.assertTrue(Checkin.search([("appraisal_id.predikat", "=", "sangat_baik")]))

    def test_read_group_leaves_the_own_pending_skp_out(self):
        """Group-by, aggregates, having and order on a confidential field: the
        pivot and graph views count without the own pending SKP."""
        Skp = self.env["hr.asn.appraisal"].with_user(self.user_staff)
        own = [("id", "=", self.skp.id)]
        self.assertEqual(Skp._read_group(own, [], ["__count"]), [(1,)])
        self.assertFalse(Skp._read_group(own, ["predikat"], ["__count"]))
        self.assertEqual(Skp._read_group(own, [], ["credit_points:sum"]), [(0.0,)])
        self.assertEqual(
            Skp._read_group(own, [], ["work_rating:count_distinct"]), [(0,)]
        )
        self.assertFalse(
            Skp._read_group(
                own, ["state"], ["__count"], having=[("credit_points:sum", ">", 0)]
            )
        )
        self.assertFalse(
            Skp._read_group(own, ["state"], ["__count"], order="predikat:max desc")
        )
        web = Skp.web_read_group(own, ["credit_points:sum"], ["predikat"])
        self.assertFalse(web["groups"])
        self.assertEqual(
            self.env["hr.asn.appraisal"]
            .with_user(self.user_hr)
            ._read_group(own, ["predikat"], ["credit_points:sum"]),
            [("sangat_baik", 0.0)],  # the credit points are decided at validation
        )
        self._validate()
        self.assertEqual(
            Skp._read_group(own, ["predikat"], ["credit_points:sum"]),
            [("sangat_baik", CREDIT_SANGAT_BAIK_AHLI_PERTAMA)],
        )

    def test_export_reads_through_the_policy(self):
        """export_data reads records directly: the employee's export of their
        own SKP (or of a check-in, through its SKP) has the confidential
        columns empty until validation."""
        fields = ["employee_id", "predikat", "work_rating", "credit_points", "state"]
        rows = self._as(self.user_staff).export_data(fields)["datas"]
        self.assertEqual(rows, [["Staf Satu", "", "", "", "Rated"]])
        checkins = self._as(self.user_staff, self.skp.checkin_ids[:1])
        self.assertEqual(
            checkins.export_data(["appraisal_id/predikat"])["datas"], [[""]]
        )
        rows = self._as(self.user_appraiser).export_data(fields)["datas"]
        self.assertEqual(
            rows,
            [
                [
                    "Staf Satu",
                    "Sangat Baik",
                    "Di Atas Ekspektasi",
                    0.0,  # credit points are decided at validation
                    "Rated",
                ]
            ],
        )
        self._validate()
        rows = self._as(self.user_staff).export_data(fields)["datas"]
        self.assertEqual(rows[0][1:4], ["Sangat Baik", "Di Atas Ekspektasi", 18.75])
        self.assertEqual(
            checkins.export_data(["appraisal_id/predikat"])["datas"],
            [["Sangat Baik"]],
        )

    def test_onchange_returns_no_recomputed_confidential_value(self):
        """A form's onchange recomputes the predikat from a rating the client
        sends and the real other one: not for the employee's pending SKP."""
        spec = {"work_rating": {}, "predikat": {}, "credit_points": {}}
        change = {"work_rating": "below"}
        result = self._as(self.user_staff).onchange(change, ["work_rating"], spec)
        self.assertNotIn("predikat", result.get("value", {}))
        self.assertNotIn("credit_points", result.get("value", {}))
        result = self._as(self.user_appraiser).onchange(change, ["work_rating"], spec)
        self.assertEqual(result["value"]["predikat"], "butuh_perbaikan")

    def test_recommendations_of_a_pending_skp_are_withheld_whole(self):
        """A recommendation names the predikat it follows from: the employee
        neither finds nor reads those of their SKP before validation."""
        Recommendation = self.env["hr.asn.recommendation"]
        manual = Recommendation.with_user(self.user_hr).create(
            {
                "appraisal_id": self.skp.id,
                "name": "Pelatihan kepemimpinan",
                "recommendation_type": "training",
            }
        )
        as_staff = Recommendation.with_user(self.user_staff)
        own = [("appraisal_id", "=", self.skp.id)]
        self.assertFalse(as_staff.search(own))
        self.assertFalse(as_staff.name_search("Pelatihan"))
        self.assertEqual(as_staff._read_group(own, [], ["__count"]), [(0,)])
        with self.assertRaises(AccessError):
            manual.with_user(self.user_staff).read(["name"])
        self.assertFalse(manual.with_user(self.user_staff).has_access("read"))
        self.assertEqual(
            Recommendation.with_user(self.user_appraiser).search(own), manual
        )
        self._validate()
        found = as_staff.search(own)
        self.assertIn(manual, found)
        self.assertGreater(len(found), 1, "the automatic ones of Sangat Baik too")
        self.assertEqual(set(found.mapped("predikat")), {"sangat_baik"})

    def test_training_request_predikat_follows_the_skp(self):
        """A training request copies its SKP's predikat: once HR reopens the
        SKP and the appraiser changes the ratings, the copy is withheld from
        the employee until the SKP is validated again."""
        self._validate()
        program = self.env["hr.asn.training.program"].create(
            {
                "name": "Pelatihan Teknis Kearsipan",
                "company_id": self.company.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": "2027-02-01",
                "date_end": "2027-02-03",
                "user_id": self.user_hr.id,
            }
        )
        Request = self.env["hr.asn.training.request"].with_user(self.user_staff)
        request = Request.create(
            {"appraisal_id": self.skp.id, "program_id": program.id}
        )
        self.assertEqual(request.read(["predikat"])[0]["predikat"], "sangat_baik")
        self.skp.with_user(self.user_hr).action_reopen("Koreksi rating perilaku")
        self.skp.with_user(self.user_appraiser).write(
            {"work_rating": "below", "behavior_rating": "above"}
        )
        self.assertEqual(request.sudo().predikat, "butuh_perbaikan")
        self.assertFalse(request.read(["predikat"])[0]["predikat"])
        self.assertFalse(Request.search([("predikat", "=", "butuh_perbaikan")]))
        self.assertFalse(
            Request.search([("appraisal_id.predikat", "=", "butuh_perbaikan")])
        )
        self.assertFalse(Request._read_group([], ["predikat"], ["__count"]))
        self.assertEqual(
            request.with_user(self.user_hr).read(["predikat"])[0]["predikat"],
            "butuh_perbaikan",
        )
        self._validate()
        self.assertEqual(request.read(["predikat"])[0]["predikat"], "butuh_perbaikan")

    def test_training_wizard_related_ratings(self):
        """The request wizard shows the SKP's ratings as related fields:
        empty for the employee while the SKP is pending."""
        fields = ["predikat", "work_rating", "behavior_rating"]
        Wizard = self.env["hr.asn.training.request.wizard"]
        wizard = (
            Wizard.with_user(self.user_staff)
            .sudo()
            .create({"appraisal_id": self.skp.id})
        )
        as_staff = wizard.with_user(self.user_staff)
        self.assertEqual(
            as_staff.read(fields)[0], {"id": wizard.id, **dict.fromkeys(fields, False)}
        )
        self.assertFalse(
            Wizard.with_user(self.user_staff).search([("predikat", "=", "sangat_baik")])
        )
        self._validate()
        self.assertEqual(as_staff.read(["predikat"])[0]["predikat"], "sangat_baik")

    def test_periodic_predikat_until_the_checkin_is_reviewed(self):
        """A check-in's periodic ratings are the appraiser's until the review
        closes it: the employee reads them once it is reviewed."""
        checkin = self.skp.checkin_ids.filtered(lambda c: c.period_code == "q1")
        checkin.iki_ids.with_user(self.user_staff).write({"realisation_value": 30})
        checkin.with_user(self.user_staff).action_submit()
        as_appraiser = checkin.with_user(self.user_appraiser)
        as_appraiser.rhk_ids.write({"feedback": "Pertahankan ketepatan waktu."})
        as_appraiser.write(
            {**ABOVE_ABOVE, "review_note": "Tingkatkan dokumentasi bukti dukung."}
        )
        fields = ["work_rating", "behavior_rating", "predikat", "review_note"]
        as_staff = checkin.with_user(self.user_staff)
        self.assertFalse(any(as_staff.read(fields)[0][name] for name in fields))
        Checkin = self.env["hr.asn.checkin"].with_user(self.user_staff)
        self.assertFalse(Checkin.search([("predikat", "=", "sangat_baik")]))
        self.assertEqual(as_appraiser.read(["predikat"])[0]["predikat"], "sangat_baik")
        as_appraiser.action_review()
        self.assertEqual(as_staff.read(["predikat"])[0]["predikat"], "sangat_baik")
        self.assertEqual(Checkin.search([("predikat", "=", "sangat_baik")]), checkin)


@tagged("post_install", "-at_install")
class TestConfidentialChatterMailReports(ConfidentialityCase):
    """Chatter tracking, notification mails, printed documents and mail
    templates: the same policy."""

    def _tracked_fields(self, user):
        """The tracked field names the web client receives for the SKP's
        messages (the /mail/thread/messages formatting)."""
        messages = (
            self.env["mail.message"]
            .with_user(user)
            .search([("model", "=", self.skp._name), ("res_id", "=", self.skp.id)])
        )
        data = Store(messages, for_current_user=True).get_result()
        return {
            value["fieldName"]
            for message in data["mail.message"]
            for value in message["trackingValues"]
        }

    def test_chatter_tracking_of_ratings(self):
        """The employee's chatter shows the state changes but not the rating
        and predikat tracking until validation; the appraiser sees them."""
        confidential = {"work_rating", "behavior_rating", "predikat"}
        staff = self._tracked_fields(self.user_staff)
        self.assertIn("state", staff)
        self.assertFalse(staff & confidential)
        self.assertLessEqual(confidential, self._tracked_fields(self.user_appraiser))
        self._validate()
        self.assertLessEqual(confidential, self._tracked_fields(self.user_staff))

    def test_web_push_summary_leaves_pending_ratings_out(self):
        """The tracking summary sent to every follower's browser (web push)
        carries no confidential value of a pending SKP."""
        message = self.skp.message_ids.filtered(
            lambda m: "predikat" in m.sudo().tracking_value_ids.field_id.mapped("name")
        )[:1]
        self.assertTrue(message)
        summary = self.skp._generate_tracking_message(message)
        self.assertNotIn("Sangat Baik", summary)
        self._validate()
        self.assertIn("Sangat Baik", self.skp._generate_tracking_message(message))

    def test_notification_mail_to_the_employee_has_no_rating_tracking(self):
        """Tracked changes that are notified (a tracking subtype, as a
        customisation may add; the addon itself only logs them) are mailed to
        the followers with the changes: the employee's copy leaves the rating
        lines out, HR's keeps them."""
        self.patch(
            type(self.env["hr.asn.appraisal"]),
            "_track_subtype",
            lambda record, initial_values: record.env.ref("mail.mt_comment"),
        )
        partners = (self.user_staff | self.user_hr).partner_id
        self.skp.message_subscribe(partners.ids)
        self._end_request()
        self.skp.with_user(self.user_appraiser).with_context(
            mail_notify_force_send=False
        ).write({"work_rating": "as_expected"})
        self._end_request()
        message = self.skp.message_ids.sorted("id")[-1]
        self.assertIn(
            "work_rating", message.sudo().tracking_value_ids.field_id.mapped("name")
        )
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        staff_mail = mails.filtered(
            lambda m: self.user_staff.partner_id in m.recipient_ids
        )
        hr_mail = mails.filtered(lambda m: self.user_hr.partner_id in m.recipient_ids)
        self.assertEqual(len(staff_mail), 1)
        self.assertEqual(len(hr_mail), 1)
        self.assertNotIn("Rating Hasil Kerja", staff_mail.body_html)
        self.assertNotIn("Predikat Kinerja", staff_mail.body_html)
        self.assertIn("Rating Hasil Kerja", hr_mail.body_html)
        self.assertIn("Predikat Kinerja", hr_mail.body_html)

    def _evaluation_cell(self, report, records, user, css_class):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, records.ids)
        )
        tree = lxml_html.fromstring(html)
        cells = tree.xpath(f"//*[contains(@class, '{css_class}')]")
        return " ".join(
            word for cell in cells for word in "".join(cell.itertext()).split()
        )

    def test_annual_document_html(self):
        """The printed Dokumen Evaluasi Kinerja Pegawai: no predikat nor note
        on the employee's copy before validation."""
        cell = self._evaluation_cell(
            EVALUATION, self.skp, self.user_staff, "o_asn_predikat"
        )
        self.assertEqual(cell, "-")
        note = self._evaluation_cell(
            EVALUATION, self.skp, self.user_staff, "o_asn_note"
        )
        self.assertNotIn("Pertahankan", note)
        self.assertEqual(
            self._evaluation_cell(
                EVALUATION, self.skp, self.user_appraiser, "o_asn_predikat"
            ),
            "Sangat Baik",
        )
        self._validate()
        self.assertEqual(
            self._evaluation_cell(
                EVALUATION, self.skp, self.user_staff, "o_asn_predikat"
            ),
            "Sangat Baik",
        )

    def test_periodic_document_html(self):
        """The periodic document prints the check-in's ratings for the
        employee once the check-in is reviewed."""
        checkin = self.skp.checkin_ids.filtered(lambda c: c.period_code == "q1")
        checkin.iki_ids.with_user(self.user_staff).write({"realisation_value": 30})
        checkin.with_user(self.user_staff).action_submit()
        as_appraiser = checkin.with_user(self.user_appraiser)
        as_appraiser.rhk_ids.write({"feedback": "Pertahankan ketepatan waktu."})
        as_appraiser.write(ABOVE_ABOVE)
        cell = self._evaluation_cell(
            CHECKIN_EVALUATION, checkin, self.user_staff, "o_asn_predikat"
        )
        self.assertEqual(cell, "-")
        as_appraiser.action_review()
        cell = self._evaluation_cell(
            CHECKIN_EVALUATION, checkin, self.user_staff, "o_asn_predikat"
        )
        self.assertEqual(cell, "Sangat Baik")

    def test_recap_rows_read_through_the_policy(self):
        """The recap rows (Excel, screens) of an officer's own pending SKP
        carry none of its confidential values."""
        row = self._as(self.user_staff)._get_recap_rows()[0]
        self.assertEqual(
            [row[key] for key in ("work_rating", "predikat", "credit_points")],
            ["", "", None],
        )
        row = self._as(self.user_hr)._get_recap_rows()[0]
        self.assertEqual(row["predikat"], "Sangat Baik")
        self.assertIsNone(row["credit_points"])  # decided at validation

    def test_training_plan_rows_read_through_the_policy(self):
        """The training plan export lists the recommendations of the cycle
        with the reader's rights: none of the reader's own pending SKP."""
        self.env["hr.asn.recommendation"].with_user(self.user_hr).create(
            {
                "appraisal_id": self.skp.id,
                "name": "Pelatihan kepemimpinan",
                "recommendation_type": "training",
            }
        )

        def items(user):
            return [
                row["item"]
                for row in self.cycle.with_user(user)._get_training_plan_rows()
            ]

        self.assertNotIn("Pelatihan kepemimpinan", items(self.user_staff))
        self.assertIn("Pelatihan kepemimpinan", items(self.user_hr))
        self._validate()
        self.env.invalidate_all()
        self.assertIn("Pelatihan kepemimpinan", items(self.user_staff))

    def test_mail_template_renders_nothing_withheld(self):
        """A template that prints the predikat renders it empty for the
        employee (as themselves, or as the audience of a mail rendered by the
        superuser) until validation."""
        template = self.env["mail.template"].create(
            {
                "name": "Hasil SKP",
                "model_id": self.env["ir.model"]._get_id("hr.asn.appraisal"),
                "subject": "Predikat {{ object.predikat }}",
                "body_html": '<p>Predikat: <t t-out="object.predikat"/></p>',
            }
        )

        def render(template):
            return (
                template._render_field("subject", self.skp.ids)[self.skp.id],
                str(template._render_field("body_html", self.skp.ids)[self.skp.id]),
            )

        for as_user in (
            template.with_user(self.user_staff),
            template.sudo().with_context(
                hr_asn_confidential_audience=[self.user_staff.id]
            ),
        ):
            subject, body = render(as_user)
            self.assertNotIn("sangat_baik", subject + body)
        self.assertEqual(self.skp.predikat, "sangat_baik", "the value is intact")
        subject, body = render(template.with_user(self.user_appraiser))
        self.assertEqual(subject, "Predikat sangat_baik")
        self._validate()
        subject, body = render(template.with_user(self.user_staff))
        self.assertEqual(subject, "Predikat sangat_baik")
        self.assertIn("sangat_baik", body)


@tagged("post_install", "-at_install")
class TestConfidentialThreadMessagesHttp(TrackedSkpMixin, HttpCase, AsnAppraisalCase):
    """The web client's chatter fetch, over HTTP as the employee."""

    def _fetch_tracked_fields(self, login):
        self.authenticate(login, login + "x" * (8 - len(login)))
        result = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "hr.asn.appraisal", "thread_id": self.skp.id},
        )
        return {
            value["fieldName"]
            for message in result["data"]["mail.message"]
            for value in message["trackingValues"]
        }

    def test_thread_messages_route(self):
        """/mail/thread/messages: the employee receives no rating tracking
        of their pending SKP; the appraiser does; after validation both."""
        self.skp = self._tracked_rated_skp()
        confidential = {"work_rating", "behavior_rating", "predikat"}
        staff = self._fetch_tracked_fields("t_staff")
        self.assertIn("state", staff)
        self.assertFalse(staff & confidential)
        self.assertLessEqual(confidential, self._fetch_tracked_fields("t_appraiser"))
        self._validate()
        self.assertLessEqual(confidential, self._fetch_tracked_fields("t_staff"))
