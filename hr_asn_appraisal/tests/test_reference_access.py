from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_training import TrainingCase

GUARD = "hr.asn.reference.guard.mixin"
WIZARD = "hr.asn.training.request.wizard"
RATING_FIELDS = {"predikat": {}, "work_rating": {}, "behavior_rating": {}}


@tagged("post_install", "-at_install")
class TestReferenceAccess(TrainingCase):
    """Nothing is read through a reference the user may not read: a wizard or
    a record pointed at someone else's SKP is refused before its related
    fields (computed as superuser) can show anything."""

    def _wizard_count(self):
        return self.env[WIZARD].sudo().search_count([])

    def _assert_refused(self, call, field_label):
        before = self._wizard_count()
        with self.assertRaises(AccessError) as refusal:
            call()
        message = str(refusal.exception)
        self.assertIn(field_label, message)
        self.assertIn("not allowed to read", message)
        # The refusal names no person and no rating of the document.
        self.assertNotIn(self.emp_colleague.name, message)
        self.assertEqual(self._wizard_count(), before, "nothing was created")
        return message

    # ------------------------------------------------------------------
    # The training wizard (the reported hole)
    # ------------------------------------------------------------------
    def test_wizard_on_a_colleagues_skp_is_refused(self):
        """Staff cannot open the training wizard on a colleague's SKP."""
        Wizard = self.env[WIZARD].with_user(self.user_staff)
        self._assert_refused(
            lambda: Wizard.create({"appraisal_id": self.skp_colleague.id}), "SKP"
        )

    def test_wizard_refused_through_context_default_and_onchange(self):
        """The same refusal when the SKP comes as a context default, or in the
        values the form sends before saving."""
        Wizard = self.env[WIZARD].with_user(self.user_staff)
        by_default = Wizard.with_context(default_appraisal_id=self.skp_colleague.id)
        self._assert_refused(lambda: by_default.create({}), "SKP")
        self._assert_refused(lambda: by_default.default_get(["appraisal_id"]), "SKP")
        self._assert_refused(
            lambda: by_default.onchange({}, [], {"appraisal_id": {}, **RATING_FIELDS}),
            "SKP",
        )
        self._assert_refused(
            lambda: Wizard.onchange(
                {"appraisal_id": self.skp_colleague.id},
                ["appraisal_id"],
                {"appraisal_id": {}, **RATING_FIELDS},
            ),
            "SKP",
        )

    def test_wizard_lines_are_checked_in_the_form(self):
        """A programme of another company in the wizard's lines is refused
        too: the form would show its related fields."""
        foreign = self._program(company_id=self.other_company.id, user_id=False)
        Wizard = self.env[WIZARD].with_user(self.user_staff)
        with self.assertRaises(AccessError):
            Wizard.onchange(
                {
                    "appraisal_id": self.skp_staff.id,
                    "line_ids": [Command.create({"program_id": foreign.id})],
                },
                ["line_ids"],
                {
                    "appraisal_id": {},
                    "line_ids": {"fields": {"program_id": {}, "jp_hours": {}}},
                },
            )

    def test_wizard_on_own_skp_works(self):
        """The employee's own validated SKP opens the wizard with its ratings."""
        wizard = (
            self.env[WIZARD]
            .with_user(self.user_staff)
            .create({"appraisal_id": self.skp_staff.id})
        )
        self.assertEqual(wizard.predikat, "baik")
        self.assertEqual(wizard.work_rating, "as_expected")
        action = self.skp_staff.with_user(self.user_staff).action_request_training()
        self.assertEqual(action["res_model"], WIZARD)

    def test_wizard_refused_to_a_user_of_another_company(self):
        """An HR officer of another company reads nothing of this company's
        SKPs through the wizard, nor through a training request."""
        Wizard = self.env[WIZARD].with_user(self.user_other_hr)
        self._assert_refused(
            lambda: Wizard.create({"appraisal_id": self.skp_staff.id}), "SKP"
        )
        with self.assertRaises(AccessError):
            self.env["hr.asn.training.request"].with_user(self.user_other_hr).create(
                {"appraisal_id": self.skp_staff.id, "program_id": self.program.id}
            )

    def test_the_refusal_is_translated(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        self.user_staff.lang = "id_ID"
        Wizard = self.env[WIZARD].with_user(self.user_staff).with_context(lang="id_ID")
        with self.assertRaises(AccessError) as refusal:
            Wizard.create({"appraisal_id": self.skp_colleague.id})
        self.assertIn("tidak berhak Anda baca", str(refusal.exception))

    # ------------------------------------------------------------------
    # Every other wizard
    # ------------------------------------------------------------------
    def test_every_wizard_refuses_documents_the_user_cannot_read(self):
        """Reason, return and correction wizards refuse a colleague's
        documents before anything is shown or done."""
        checkin = self.skp_colleague.checkin_ids[:1]
        request = self._request(skp=self.skp_colleague)
        cases = [
            ("hr.asn.appraisal.reason.wizard", "appraisal_ids", self.skp_colleague),
            ("hr.asn.checkin.return.wizard", "checkin_ids", checkin),
            ("hr.asn.training.request.reason.wizard", "request_ids", request),
        ]
        for model, field, target in cases:
            with self.subTest(wizard=model):
                self.assertTrue(target)
                Wizard = self.env[model].with_user(self.user_staff)
                with self.assertRaises(AccessError):
                    Wizard.create({field: [Command.set(target.ids)], "reason": "x"})
                with self.assertRaises(AccessError):
                    Wizard.with_context(**{f"default_{field}": target.ids}).onchange(
                        {}, [], {field: {}}
                    )

    # ------------------------------------------------------------------
    # Documents whose references lead to confidential data
    # ------------------------------------------------------------------
    def test_training_request_on_a_colleagues_skp_is_refused(self):
        """The request's stored predikat would copy the colleague's."""
        Request = self.Request.with_user(self.user_staff)
        count = self.Request.sudo().search_count([])
        with self.assertRaises(AccessError) as refusal:
            Request.create(
                {"appraisal_id": self.skp_colleague.id, "program_id": self.program.id}
            )
        self.assertIn("not allowed to read", str(refusal.exception))
        self.assertEqual(self.Request.sudo().search_count([]), count)

    def test_documents_pointed_at_unreadable_records_are_refused(self):
        """Every document that takes a reference refuses one the user may not
        read, and the refusal names nothing of the referenced document (its
        SKP, its employee), for a colleague and for another company."""
        skp = self.skp_colleague
        checkin = skp.checkin_ids[:1]
        rhk = skp.rhk_ids[:1]
        cases = {
            "hr.asn.appraisal.rhk": {
                "appraisal_id": skp.id,
                "name": "RHK",
                "rhk_type": "utama",
            },
            "hr.asn.appraisal.iki": {
                "rhk_id": rhk.id,
                "name": "IKI",
                "aspect": "kuantitas",
                "target_value": 1,
                "target_unit": "Dokumen",
            },
            "hr.asn.appraisal.behavior": {
                "appraisal_id": skp.id,
                "value_id": skp.behavior_ids[:1].value_id.id,
            },
            "hr.asn.checkin.evidence": {
                "checkin_rhk_id": checkin.rhk_ids[:1].id,
                "name": "Laporan",
                "url": "https://contoh.go.id/laporan",
            },
            "hr.asn.action.plan": {
                "checkin_id": checkin.id,
                "rhk_id": rhk.id,
                "name": "Rencana",
            },
            "hr.asn.objection": {"appraisal_id": skp.id, "reason": "Tidak setuju"},
            "hr.asn.feedback": {"appraisal_id": skp.id, "feedback": "Catatan"},
            "hr.asn.coaching": {"appraisal_id": skp.id, "topic": "Catatan"},
            "hr.asn.work.log": {
                "employee_id": self.emp_colleague.id,
                "date": "2026-11-16",
                "rhk_id": rhk.id,
                "name": "Pekerjaan",
            },
            "hr.asn.training.request": {
                "appraisal_id": skp.id,
                "program_id": self.program.id,
            },
        }
        for user in (self.user_staff, self.user_other_hr):
            # What this user may not read: the colleague's SKP and plan; the
            # colleague's name too, from another company.
            secrets = [skp.display_name, rhk.name]
            if user == self.user_other_hr:
                secrets.append(self.emp_colleague.name)
            for model, vals in cases.items():
                with self.subTest(user=user.login, model=model):
                    count = self.env[model].sudo().search_count([])
                    # A request starts with an empty cache.
                    self.env.invalidate_all()
                    with self.assertRaises(AccessError) as refusal:
                        self.env[model].with_user(user).create(vals)
                    for secret in secrets:
                        self.assertNotIn(secret, str(refusal.exception))
                    self.assertEqual(self.env[model].sudo().search_count([]), count)

    def test_own_documents_still_work(self):
        """The employee's own request and the appraiser's feedback go through."""
        request = self._request()
        self.assertEqual(request.employee_id, self.emp_staff)
        feedback = (
            self.env["hr.asn.feedback"]
            .with_user(self.user_appraiser)
            .create({"appraisal_id": self.skp_staff.id, "feedback": "Bagus"})
        )
        self.assertEqual(feedback.employee_id, self.emp_staff)

    # ------------------------------------------------------------------
    # The declaration covers the addon
    # ------------------------------------------------------------------
    def test_every_reference_read_as_superuser_is_guarded(self):
        """Each wizard field, and each reference a field computed as
        superuser follows (related fields included), is checked, before the
        model's own code; a new model or field is covered or fails here."""
        registry = self.env.registry
        guard = registry[GUARD]
        missing = []
        for name in sorted(registry):
            model = self.env[name]
            if not name.startswith("hr.asn.") or model._abstract:
                continue
            followed = set()
            for field in model._fields.values():
                if model._transient:
                    if field.type in ("many2one", "many2many") and not (
                        field.compute and field.readonly
                    ):
                        followed.add(field.name)
                    continue
                if not (field.compute and field.compute_sudo):
                    continue
                paths = [field.related] if field.related else []
                paths += list(registry.field_depends.get(field, ()))
                for path in paths:
                    first = model._fields.get(path.split(".")[0])
                    if (
                        first is not None
                        and first.type in ("many2one", "many2many")
                        and not (first.compute and first.readonly)
                    ):
                        followed.add(first.name)
            followed -= {"create_uid", "write_uid"}
            # The check runs before the model's own create/write.
            for method in ("create", "write", "default_get", "onchange"):
                owner = next(c for c in type(model).__mro__ if method in vars(c))
                if not getattr(owner, "_asn_reference_guard_front", False):
                    missing.append(f"{name}.{method}: guard not in front")
            if not followed:
                continue
            if not isinstance(model, guard):
                missing.append(f"{name}: not guarded ({', '.join(sorted(followed))})")
                continue
            unguarded = followed - set(model._get_guarded_references())
            if unguarded:
                missing.append(f"{name}: {', '.join(sorted(unguarded))}")
        self.assertFalse(missing, "\n".join(missing))
        self.assertIn("appraisal_id", self.env[WIZARD]._get_guarded_references())
        self.assertIn(
            "appraisal_id",
            self.env["hr.asn.training.request"]._get_guarded_references(),
        )
