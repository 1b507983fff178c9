from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAsnTours(HttpCase):
    def test_hr_officer_opens_main_menu(self):
        """Smoke: an HR officer opens Penilaian Kinerja and its SKP and cycle lists."""
        self.env["res.users"].create(
            {
                "name": "Petugas SDM Tur",
                "login": "tour_hr",
                "password": "tour_hr_pw",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("hr_asn_appraisal.group_hr_asn_officer").id,
                        ],
                    )
                ],
            }
        )
        self.start_tour("/odoo", "hr_asn_appraisal_smoke_tour", login="tour_hr")
