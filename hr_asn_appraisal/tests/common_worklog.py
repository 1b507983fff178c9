from freezegun import freeze_time

from .common import AsnAppraisalCase


class WorklogCase(AsnAppraisalCase):
    """Approved SKPs (approved on 2026-10-01) for the staff and the colleague.

    The staff's RHK has two IKI: "Dokumen" and "Laporan".
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-10-01 08:00:00"):
            cls.skp = cls._approve(cls._create_skp(cls.emp_staff), cls.user_staff)
            cls.skp_colleague = cls._approve(
                cls._create_skp(cls.emp_colleague), cls.user_colleague
            )
        cls.rhk = cls.skp.rhk_ids
        cls.iki_doc = cls.rhk.iki_ids
        cls.q3 = cls.skp.checkin_ids.filtered(lambda c: c.period_code == "q3")
        cls.q4 = cls.skp.checkin_ids.filtered(lambda c: c.period_code == "q4")
        cls.Log = cls.env["hr.asn.work.log"]

    @classmethod
    def _approve(cls, skp, employee_user):
        skp.with_user(employee_user).action_submit()
        skp.with_user(cls.user_appraiser).action_approve()
        return skp

    @classmethod
    def _add_report_iki(cls):
        """A second IKI on the staff's RHK, counted in "Laporan" (before approval
        the check-in lines come from the SKP; added here, they are synced)."""
        iki = cls.env["hr.asn.appraisal.iki"].create(
            {
                "rhk_id": cls.rhk.id,
                "name": "Jumlah laporan pemutakhiran",
                "aspect": "kuantitas",
                "target_value": 4,
                "target_unit": "Laporan",
            }
        )
        cls.env["hr.asn.checkin.iki"].sudo().create(
            [
                {"checkin_rhk_id": line.id, "iki_id": iki.id}
                for line in cls.skp.checkin_ids.rhk_ids
            ]
        )
        return iki

    def _log(self, user=None, **vals):
        user = user or self.user_staff
        skp = self.skp if user != self.user_colleague else self.skp_colleague
        return self.Log.with_user(user).create(
            {
                "date": "2026-11-16",
                "rhk_id": skp.rhk_ids.id,
                "name": "Pemutakhiran data pegawai",
                "output_qty": 5,
                "output_unit": "Dokumen",
                "duration": 2.5,
                **vals,
            }
        )

    def _submit(self, checkin):
        checkin.iki_ids.sudo().write({"realisation_text": "Selesai"})
        checkin.with_user(self.user_staff).action_submit()
