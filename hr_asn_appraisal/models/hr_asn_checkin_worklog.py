from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import worklog as worklog_rules


class HrAsnCheckin(models.Model):
    """The daily work log and rencana aksi of a periodic evaluation.

    The check-in proposes, per IKI, the realisasi summed from the period's log
    outputs (aggregated in the database, one query for any number of
    check-ins) and lists the log entries that carry evidence.
    """

    _inherit = "hr.asn.checkin"

    action_plan_ids = fields.One2many(
        "hr.asn.action.plan", "checkin_id", string="Rencana Aksi"
    )
    work_log_ids = fields.One2many(
        "hr.asn.work.log", "checkin_id", string="Daily Work Log", readonly=True
    )
    worklog_evidence_ids = fields.One2many(
        "hr.asn.work.log",
        "checkin_id",
        string="Log Evidence",
        domain=[("has_evidence", "=", True)],
        readonly=True,
    )
    worklog_count = fields.Integer(
        string="Log Entries", compute="_compute_worklog_count"
    )
    worklog_unmatched = fields.Text(
        string="Log Outputs Not Counted",
        compute="_compute_worklog_count",
        help="Log outputs that match no IKI of their RHK (no IKI named and no "
        "IKI in that unit, or several): they are not in the proposed realisasi.",
    )

    def _compute_worklog_count(self):
        counts = dict(
            self.env["hr.asn.work.log"]
            .sudo()
            ._read_group([("checkin_id", "in", self.ids)], ["checkin_id"], ["__count"])
        )
        rollups = self._get_worklog_rollup()
        for checkin in self:
            checkin.worklog_count = counts.get(checkin._origin, 0)
            unmatched = rollups.get(checkin._origin.id, ({}, []))[1]
            rhk_names = {
                line.rhk_id.id: line.rhk_id.name for line in checkin.sudo().rhk_ids
            }
            checkin.worklog_unmatched = "\n".join(
                f"{rhk_names.get(out.rhk_id, '')}: {out.quantity:g} {out.unit or ''}"
                for out in unmatched
            )

    def _get_worklog_rollup(self):
        """{check-in id: ({IKI id: proposed realisasi}, [outputs not counted])}.

        One grouped query over the entries of all the check-ins; the matching
        of outputs to IKI is rules.worklog.rollup.
        """
        ids = [checkin_id for checkin_id in self._origin.ids if checkin_id]
        if not ids:
            return {}
        groups = (
            self.env["hr.asn.work.log"]
            .sudo()
            ._read_group(
                [("checkin_id", "in", ids)],
                ["checkin_id", "rhk_id", "iki_id", "output_unit"],
                ["output_qty:sum", "__count"],
            )
        )
        outputs = defaultdict(list)
        for checkin, rhk, iki, unit, quantity, count in groups:
            outputs[checkin.id].append(
                worklog_rules.OutputSum(
                    rhk_id=rhk.id,
                    iki_id=iki.id or None,
                    unit=unit,
                    quantity=quantity,
                    count=count,
                )
            )
        lines = (
            self.env["hr.asn.checkin.iki"]
            .sudo()
            .search_fetch(
                [("checkin_id", "in", ids)], ["checkin_id", "iki_id", "checkin_rhk_id"]
            )
        )
        targets = defaultdict(list)
        for line in lines:
            targets[line.checkin_id.id].append(
                worklog_rules.IkiTarget(
                    iki_id=line.iki_id.id,
                    rhk_id=line.checkin_rhk_id.rhk_id.id,
                    unit=line.iki_id.target_unit,
                )
            )
        return {
            checkin_id: worklog_rules.rollup(outputs[checkin_id], targets[checkin_id])
            for checkin_id in ids
        }

    def action_apply_worklog(self):
        """Copy the realisasi proposed by the daily log into the IKI lines.

        The employee can adjust the figures afterwards, before submitting; the
        log figure stays next to it for the appraiser.
        """
        for checkin in self:
            if not self.env.su and "employee" not in checkin._get_user_roles():
                raise AccessError(
                    _(
                        "Only the employee fills in the realisasi of %(checkin)s.",
                        checkin=checkin.display_name,
                    )
                )
        rollups = self._get_worklog_rollup()
        by_value = defaultdict(lambda: self.env["hr.asn.checkin.iki"])
        for checkin in self:
            totals = rollups.get(checkin.id, ({}, []))[0]
            quantitative = checkin.iki_ids.filtered(
                lambda line: line.approach != "kualitatif"
            )
            for line in quantitative:
                by_value[totals.get(line.iki_id.id, 0.0)] |= line
        if not by_value:
            raise UserError(_("There is no quantitative IKI to fill in."))
        for value, lines in by_value.items():
            lines.write({"realisation_value": value})
        return True

    def action_view_worklog(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_work_log_action_team"
        )
        action["domain"] = [("checkin_id", "=", self.id)]
        action["context"] = {}
        return action
