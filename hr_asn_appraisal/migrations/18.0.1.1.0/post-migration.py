"""18.0.1.1.0: calendar evaluation periods and credit points per SKP.

* Evaluation periods are calendar periods (Triwulan I = January-March,
  DOMAIN.md "A year as it really happens"): the check-ins of SKPs still open
  move onto them; reviewed check-ins and validated or cancelled SKPs stay as
  they were (hr.asn.appraisal._realign_open_checkin_periods).
* The SKPs validated before keep the months their credit points were decided
  with (the months served) as their decided months.
* The JF levels get their cumulative credit point requirements.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["hr.asn.appraisal"]._realign_open_checkin_periods()
    env["hr.asn.appraisal"]._fill_missing_decided_months()
    env["hr.asn.credit.coefficient"]._fill_missing_requirements()
