import base64
import csv
import io
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import siasn as siasn_rules

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
# Columns of the checking CSV in front of the payload's own fields.
CSV_CHECK_COLUMNS = ("skp", "nip")


class HrAsnSiasnExportWizard(models.TransientModel):
    """Export validated SKPs for SIASN without a connection: the payloads as
    JSON lines (one per SKP) and the same rows as a CSV to check them.

    SKPs that cannot go (not validated, no SIASN ID, a missing code) are
    listed with the reason and left out of the files.
    """

    _name = "hr.asn.siasn.export.wizard"
    _description = "Export SKPs for SIASN"

    cycle_id = fields.Many2one(
        "hr.asn.appraisal.cycle",
        help="Export the validated SKPs of this cycle (when no SKP is selected).",
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", help="Only the SKPs of this unit."
    )
    appraisal_ids = fields.Many2many(
        "hr.asn.appraisal",
        string="SKPs",
        help="The SKPs selected in the list; empty: those of the cycle.",
    )
    state = fields.Selection(
        [("choose", "Choose"), ("done", "Done")], default="choose", required=True
    )
    exported_count = fields.Integer(string="Exported SKPs", readonly=True)
    skipped_count = fields.Integer(string="SKPs Not Exported", readonly=True)
    skipped_text = fields.Text(string="Not Exported", readonly=True)
    jsonl_file = fields.Binary(string="Payloads (JSON Lines)", readonly=True)
    jsonl_filename = fields.Char(readonly=True)
    csv_file = fields.Binary(string="Rows to Check (CSV)", readonly=True)
    csv_filename = fields.Char(readonly=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        context = self.env.context
        if (
            context.get("active_model") == "hr.asn.appraisal"
            and context.get("active_ids")
            and "appraisal_ids" in fields_list
        ):
            res["appraisal_ids"] = [fields.Command.set(context["active_ids"])]
        return res

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_officer(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(_("Only an HR officer can export SKPs for SIASN."))

    def _get_appraisals(self):
        """The SKPs to export, each readable by the user and of one of the
        user's companies (AccessError otherwise)."""
        self.ensure_one()
        Appraisal = self.env["hr.asn.appraisal"]
        companies = self.env.user.company_ids
        if self.appraisal_ids:
            appraisals = self.appraisal_ids
        elif self.cycle_id:
            domain = [
                ("cycle_id", "=", self.cycle_id.id),
                ("state", "!=", "cancel"),
                ("company_id", "in", companies.ids),
                # one annual record per employee: the last SKP of the year
                ("is_last_in_cycle", "=", True),
            ]
            if self.department_id:
                domain.append(("department_id", "=", self.department_id.id))
            appraisals = Appraisal.search(domain)
        else:
            raise UserError(_("Choose a cycle or select the SKPs to export."))
        appraisals.check_access("read")
        foreign = appraisals.sudo().filtered(lambda a: a.company_id not in companies)
        if foreign:
            raise AccessError(
                _(
                    "%(skp)s belongs to a company you do not work for.",
                    skp=foreign[0].display_name,
                )
            )
        return appraisals

    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    def _prepare_rows(self, appraisals):
        """(exported SKPs, [(SKP, payload)], [(SKP name, reason)])."""
        codes = self.env["hr.asn.siasn.code"]._get_code_table()
        # the year's result of every employee, in one query (docs/year.md)
        year_results = self.env["hr.asn.appraisal"]._get_year_results(
            appraisals.sudo().employee_id.ids, appraisals.sudo().cycle_id.ids
        )
        exported_ids, rows, skipped = [], [], []
        for appraisal in appraisals.sudo():
            if appraisal.state != "done":
                state = appraisal._state_label(appraisal.state)
                reason = _("not validated (%(state)s)", state=state)
                skipped.append((appraisal.display_name, reason))
                continue
            try:
                payload = appraisal._get_siasn_payload(codes, year_results)
            except UserError as error:
                skipped.append((appraisal.display_name, str(error.args[0])))
                continue
            exported_ids.append(appraisal.id)
            rows.append((appraisal, payload))
        # browsed once: a union per SKP is quadratic over a province's cycle
        return self.env["hr.asn.appraisal"].browse(exported_ids), rows, skipped

    @api.model
    def _jsonl_content(self, rows):
        return "".join(
            json.dumps(payload, ensure_ascii=False) + "\n" for _skp, payload in rows
        )

    @api.model
    def _csv_content(self, rows):
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CSV_CHECK_COLUMNS + siasn_rules.SKP_FIELDS)
        for skp, payload in rows:
            check = (skp.display_name, skp.employee_id.asn_nip)
            values = [*check, *(payload[name] for name in siasn_rules.SKP_FIELDS)]
            writer.writerow([siasn_rules.csv_cell(value) for value in values])
        return out.getvalue()

    def action_export(self):
        self.ensure_one()
        self._check_officer()
        appraisals = self._get_appraisals()
        exported, rows, skipped = self._prepare_rows(appraisals)
        stamp = fields.Datetime.now().strftime("%Y%m%d-%H%M%S")
        vals = {
            "state": "done",
            "exported_count": len(rows),
            "skipped_count": len(skipped),
            "skipped_text": "\n".join(f"{name}: {reason}" for name, reason in skipped)
            or False,
            "jsonl_file": False,
            "jsonl_filename": False,
            "csv_file": False,
            "csv_filename": False,
        }
        if rows:
            vals.update(
                {
                    "jsonl_file": base64.b64encode(self._jsonl_content(rows).encode()),
                    "jsonl_filename": f"siasn-skp-{stamp}.jsonl",
                    # BOM: spreadsheets open the UTF-8 names correctly
                    "csv_file": base64.b64encode(
                        self._csv_content(rows).encode("utf-8-sig")
                    ),
                    "csv_filename": f"siasn-skp-{stamp}.csv",
                }
            )
            exported.sudo().write(
                {
                    "siasn_exported_on": fields.Datetime.now(),
                    "siasn_exported_by": self.env.uid,
                }
            )
        self.write(vals)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Export to SIASN"),
        }
