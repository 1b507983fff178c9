from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestQueryCounts(AsnAppraisalCase):
    """Screens cost a fixed number of queries, whatever the number of SKPs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Pegawai Beban {i}",
                    "company_id": cls.company.id,
                    "department_id": cls.unit.id,
                    "parent_id": cls.emp_appraiser.id,
                    "asn_type": "pns",
                    "asn_nip": f"19850101201001{1 + i % 2}{i:03d}",
                }
                for i in range(60)
            ]
        )
        cls.skps = cls.env["hr.asn.appraisal"].create(
            [
                {
                    "employee_id": employee.id,
                    "cycle_id": cls.cycle.id,
                    "rhk_ids": [
                        Command.create(
                            {
                                "name": "RHK",
                                "parent_rhk_text": "RHK atasan",
                                "iki_ids": [
                                    Command.create(
                                        {
                                            "name": "IKI",
                                            "aspect": "kuantitas",
                                            "target_value": 5,
                                            "target_unit": "Dokumen",
                                        }
                                    )
                                ],
                            }
                        )
                    ],
                }
                for employee in cls.staff
            ]
        )
        cls.skps[:30].action_submit()

    def _spec(self, view_type, model="hr.asn.appraisal", user=None):
        """The fields the web client asks for: the view as ``user`` gets it
        (fields of groups they are not in are left out, as in the browser)."""
        Model = self.env[model].with_user(user) if user else self.env[model]
        arch = Model.get_view(view_type=view_type)["arch"]
        names = {node.get("name") for node in etree.fromstring(arch).iter("field")}
        spec = {}
        for name in names:
            field = Model._fields.get(name)
            if not field:
                continue
            if field.type in ("one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            elif field.type == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def _count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        return self.env.cr.sql_log_count - before

    def test_list_reads_a_constant_number_of_queries(self):
        """The SKP list: the same query count for 10 rows as for 60."""
        spec = self._spec("list")
        Appraisal = self.env["hr.asn.appraisal"].with_user(self.user_hr)
        domain = [("id", "in", self.skps.ids)]

        def read(limit):
            return lambda: Appraisal.web_search_read(domain, spec, limit=limit)

        read(5)()  # warm the caches that are not per-record (rules, groups)
        small = self._count(read(10))
        large = self._count(read(60))
        self.assertEqual(small, large)

    def test_form_reads_a_constant_number_of_queries(self):
        """One SKP form: the same query count with 1 RHK as with 6."""
        small, big = self.skps[30], self.skps[31]
        self.env["hr.asn.appraisal.rhk"].create(
            [
                {
                    "appraisal_id": big.id,
                    "name": f"RHK {i}",
                    "parent_rhk_text": "RHK atasan",
                    "iki_ids": [Command.create({"name": "IKI", "aspect": "waktu"})],
                }
                for i in range(5)
            ]
        )
        for user in (self.user_hr, self.user_appraiser):
            with self.subTest(user=user.login):
                spec = self._spec("form", user=user)
                counts = {}
                for _round in range(2):  # the first round warms the caches
                    for label, skp in (("one", small), ("six", big)):
                        counts[label] = self._count(
                            lambda u=user, s=skp, f=spec: s.with_user(u).web_read(f)
                        )
                one, six = counts["one"], counts["six"]
                self.assertEqual(one, six)

    def _rate(self, skps):
        """Rate these SKPs (as the superuser), with mixed ratings."""
        skps.filtered(lambda s: s.state == "draft").action_submit()
        skps.action_approve()
        for index, skp in enumerate(skps):
            skp.write(
                {
                    "work_rating": ("above", "as_expected", "below")[index % 3],
                    "behavior_rating": "as_expected",
                }
            )
        skps.action_rate()

    def test_calibration_reads_a_constant_number_of_queries(self):
        """A unit's calibration screen: the same query count for a unit of 10
        rated SKPs as for one of 60."""
        small_unit = self.env["hr.department"].create(
            {"name": "Unit Kecil", "company_id": self.company.id}
        )
        small_staff = self.env["hr.employee"].create(
            [
                {
                    "name": f"Pegawai Kecil {i}",
                    "company_id": self.company.id,
                    "department_id": small_unit.id,
                    "parent_id": self.emp_appraiser.id,
                    "asn_type": "pns",
                    "asn_nip": f"19860202201101{1 + i % 2}{i:03d}",
                }
                for i in range(10)
            ]
        )
        small_skps = self.env["hr.asn.appraisal"].browse(
            [self._create_skp(employee).id for employee in small_staff]
        )
        self._rate(small_skps)
        self._rate(self.skps)
        ratings = self.env["hr.asn.unit.rating"].create(
            [
                {
                    "cycle_id": self.cycle.id,
                    "department_id": unit.id,
                    "org_rating": "baik",
                }
                for unit in (small_unit, self.unit)
            ]
        )
        small, large = ratings
        self.assertEqual(large.count_to_validate, 60)
        self.assertEqual(small.count_to_validate, 10)
        spec = self._spec("form", "hr.asn.unit.rating")
        counts = {}
        for _round in range(2):  # the first round warms the caches
            for label, rating in (("ten", small), ("sixty", large)):
                counts[label] = self._count(
                    lambda r=rating: r.with_user(self.user_hr).web_read(spec)
                )
        self.assertEqual(counts["ten"], counts["sixty"])
