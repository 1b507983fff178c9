from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AsnAppraisalCase

CRON = "hr_asn_appraisal.ir_cron_hr_asn_generate_appraisals"


class GenerationCrash(Exception):
    """A worker dying in the middle of a batch."""


@tagged("post_install", "-at_install")
class TestGenerationBatches(AsnAppraisalCase):
    """Past the size HR's request can take, generation runs as committed
    batches of the scheduled action, with its progress on the cycle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Staf Generasi {index}",
                    "company_id": cls.company.id,
                    "department_id": cls.unit.id,
                    "parent_id": cls.emp_appraiser.id,
                    "asn_type": "pns",
                    "asn_nip": f"198801012015031{index + 20:03d}",
                }
                for index in range(5)
            ]
        )
        # With the three of the base case that have an appraiser: 8 SKPs to
        # make; HR's request makes up to 3, batches of 3.
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("hr_asn_appraisal.generation_sync_limit", 3)
        params.set_param("hr_asn_appraisal.generation_batch_size", 3)

    def _skps(self):
        return self.env["hr.asn.appraisal"].search([("cycle_id", "=", self.cycle.id)])

    def _run_once(self):
        cron, progress = self.env.ref(CRON)._add_progress()
        self.env["hr.asn.appraisal.cycle"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_generate_appraisals()
        return progress.done, progress.remaining

    def _run_until_done(self):
        calls = []
        for _call in range(50):
            calls.append(self._run_once())
            if not calls[-1][1]:
                return calls
        self.fail("the generation job never reported that nothing remains")

    def test_a_large_generation_goes_to_the_background_with_progress(self):
        action = self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertEqual(action["tag"], "display_notification")
        self.assertFalse(self._skps(), "nothing made in HR's request")
        self.assertTrue(self.cycle.generation_pending)
        self.assertEqual(self.cycle.generation_total, 8)
        self.assertEqual(self.cycle.generation_progress, "0 of 8 SKPs generated")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count(
                [("cron_id", "=", self.env.ref(CRON).id)]
            )
        )
        self.assertEqual(self._run_once(), (3, 5))
        self.assertEqual(len(self._skps()), 3)
        self.assertEqual(self.cycle.generation_progress, "3 of 8 SKPs generated")
        self.assertEqual(self._run_until_done(), [(3, 2), (2, 0)])
        skps = self._skps()
        self.assertEqual(len(skps), 8)
        self.assertEqual(len(skps.employee_id), 8)
        self.assertFalse(self.cycle.generation_pending)
        self.assertEqual(self.cycle.missing_appraiser_employee_ids, self.emp_head)
        self.assertIn("SKPs generated: 8", self.cycle.message_ids[0].body)
        # Nothing queued any more: a call does nothing.
        self.assertEqual(self._run_once(), (0, 0))

    def test_second_click_while_it_runs_is_refused(self):
        cycle = self.cycle.with_user(self.user_hr)
        cycle.action_generate_appraisals()
        self._run_once()
        with self.assertRaisesRegex(UserError, "3 of 8 SKPs generated"):
            cycle.action_generate_appraisals()

    def test_progress_fields_are_the_servers(self):
        with self.assertRaises(UserError):
            self.cycle.with_user(self.user_hr).write(
                {"generation_pending": True, "generation_total": 50000}
            )

    def test_a_crashed_batch_is_done_again_never_twice(self):
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self._run_once()
        Cycle = type(self.env["hr.asn.appraisal.cycle"])
        generate = Cycle._generate_batch

        def generate_then_die(cycle, limit=None):
            generate(cycle, limit)
            raise GenerationCrash()

        with patch.object(Cycle, "_generate_batch", generate_then_die):
            with self.assertRaises(GenerationCrash), self.env.cr.savepoint():
                self._run_once()
        self.env.invalidate_all()
        self.assertEqual(len(self._skps()), 3, "the crashed batch left nothing")
        self._run_until_done()
        self.assertEqual(len(self._skps()), 8)
        self.assertEqual(len(self._skps().employee_id), 8)

    def test_an_office_is_still_generated_in_the_request(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "hr_asn_appraisal.generation_sync_limit", 100
        )
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertEqual(len(self._skps()), 8)
        self.assertFalse(self.cycle.generation_pending)
