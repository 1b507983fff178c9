from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import feedback360 as feedback360_rules
from .hr_asn_appraisal import RATINGS

# Who sees the anonymous 360° totals of an SKP. The employee sees them too,
# but only once the SKP is validated (done), like the rating itself.
FEEDBACK360_READERS = {"appraiser", "appraiser_parent", "hr"}


class HrAsnAppraisal(models.Model):
    """Input from others on the SKP: verified public feedback, 360° totals."""

    _inherit = "hr.asn.appraisal"

    public_feedback_ids = fields.Many2many(
        "hr.asn.public.feedback",
        string="Public and Stakeholder Feedback",
        compute="_compute_public_feedback_ids",
        help="Verified feedback on the employee dated within the cycle.",
    )
    public_feedback_count = fields.Integer(
        string="Public Feedback", compute="_compute_public_feedback_ids"
    )
    feedback360_enabled = fields.Boolean(related="cycle_id.enable_360")
    feedback360_request_ids = fields.One2many(
        "hr.asn.feedback360.request",
        "appraisal_id",
        string="360° Rounds",
        groups="hr_asn_appraisal.group_hr_asn_officer",
    )
    feedback360_visible = fields.Boolean(compute="_compute_feedback360")
    feedback360_response_count = fields.Integer(
        string="360° Answers", compute="_compute_feedback360"
    )
    feedback360_summary_html = fields.Html(
        string="360° Totals per BerAKHLAK Value",
        compute="_compute_feedback360",
        sanitize=False,
    )

    # ------------------------------------------------------------------
    # Public feedback
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    @api.depends("employee_id", "date_start", "date_end")
    def _compute_public_feedback_ids(self):
        """One search for all SKPs, with the reader's own rights: the record
        rules decide which verified feedback each reader may see."""
        dated = self.filtered(lambda a: a.employee_id and a.date_start and a.date_end)
        Feedback = self.env["hr.asn.public.feedback"]
        found = Feedback
        if dated:
            found = Feedback.search_fetch(
                [
                    ("employee_id", "in", dated.employee_id._origin.ids),
                    ("verified", "=", True),
                    ("date", ">=", min(dated.mapped("date_start"))),
                    ("date", "<=", max(dated.mapped("date_end"))),
                ],
                ["employee_id", "date"],
            )
        by_employee = defaultdict(list)
        for feedback in found:
            by_employee[feedback.employee_id.id].append(feedback)
        for appraisal in self:
            # The SKP's own period: feedback of the position held then.
            start = appraisal.date_start
            end = appraisal.date_end
            items = Feedback.browse(
                [
                    feedback.id
                    for feedback in by_employee.get(
                        appraisal.employee_id._origin.id, []
                    )
                    if start <= feedback.date <= end
                ]
            )
            appraisal.public_feedback_ids = items
            appraisal.public_feedback_count = len(items)

    # ------------------------------------------------------------------
    # 360° totals
    # ------------------------------------------------------------------
    def _can_see_feedback360(self):
        self.ensure_one()
        roles = self._get_user_roles()
        if roles & FEEDBACK360_READERS:
            return True
        return "employee" in roles and self.state == "done"

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "appraiser_id", "appraiser_parent_id")
    def _compute_feedback360(self):
        visible = self.filtered(lambda a: a.id and a._can_see_feedback360())
        # The BerAKHLAK values, read once for the totals and their table.
        values = (
            self.env["hr.asn.behavior.value"].sudo().search([]) if visible else None
        )
        aggregates = visible._get_feedback360_aggregates(values)
        html = visible._render_feedback360_html(aggregates, values)
        for appraisal in self:
            aggregate = aggregates.get(appraisal.id)
            appraisal.feedback360_visible = bool(aggregate)
            appraisal.feedback360_response_count = (
                aggregate["response_count"] if aggregate else 0
            )
            appraisal.feedback360_summary_html = html.get(appraisal.id, False)

    def _get_feedback360_aggregates(self, values=None):
        """Anonymous totals of the closed 360° rounds, per SKP.

        Reads the scores as superuser, grouped in SQL: no caller ever gets a
        reviewer next to a score. Callers decide who may see the result.

        :returns: {skp id: {"response_count": n, "min_responses": m,
            "values": rules.feedback360.aggregate(...)}}
        """
        if not self:
            return {}
        Line = self.env["hr.asn.feedback360.response.line"].sudo()
        domain = [
            ("appraisal_id", "in", self.ids),
            ("response_id.state", "=", "submitted"),
            ("response_id.request_id.state", "=", "closed"),
        ]
        scores = defaultdict(list)
        for appraisal, value, score, count in Line._read_group(
            domain, ["appraisal_id", "value_id", "score"], ["__count"]
        ):
            scores[appraisal.id].extend([(value.code, score)] * count)
        responses = dict(
            self.env["hr.asn.feedback360.response"]
            .sudo()
            ._read_group(
                [
                    ("appraisal_id", "in", self.ids),
                    ("state", "=", "submitted"),
                    ("request_id.state", "=", "closed"),
                ],
                ["appraisal_id"],
                ["__count"],
            )
        )
        if values is None:
            values = self.env["hr.asn.behavior.value"].sudo().search([])
        codes = values.mapped("code")
        result = {}
        for appraisal in self:
            minimum = appraisal.cycle_id.sudo().feedback360_min_responses
            result[appraisal.id] = {
                "response_count": responses.get(appraisal, 0),
                "min_responses": minimum,
                "values": feedback360_rules.aggregate(
                    scores[appraisal.id], min_responses=minimum, value_codes=codes
                ),
            }
        return result

    def _get_feedback360_comments(self, aggregates):
        """Comments of the closed rounds per (SKP, value), sorted so that their
        order says nothing about who wrote them; only for totals not withheld."""
        Line = self.env["hr.asn.feedback360.response.line"].sudo()
        lines = Line.search_fetch(
            [
                ("appraisal_id", "in", self.ids),
                ("response_id.state", "=", "submitted"),
                ("response_id.request_id.state", "=", "closed"),
                ("comment", "!=", False),
            ],
            ["appraisal_id", "value_id", "comment"],
        )
        comments = defaultdict(list)
        for line in lines:
            code = line.value_id.code
            value = aggregates[line.appraisal_id.id]["values"].get(code)
            if value and not value["withheld"] and line.comment.strip():
                comments[line.appraisal_id.id, code].append(line.comment.strip())
        return {key: sorted(texts) for key, texts in comments.items()}

    def _render_feedback360_html(self, aggregates, values=None):
        """The totals as an HTML table per SKP (escaped; no reviewer names)."""
        if not self:
            return {}
        if values is None:
            values = self.env["hr.asn.behavior.value"].sudo().search([])
        comments = self._get_feedback360_comments(aggregates)
        rating_labels = dict(RATINGS)
        result = {}
        for appraisal in self:
            aggregate = aggregates[appraisal.id]
            if not aggregate["response_count"]:
                result[appraisal.id] = Markup('<p class="text-muted">%s</p>') % _(
                    "No answers from a closed 360° round yet."
                )
                continue
            head = Markup("").join(
                Markup("<th>%s</th>") % label
                for label in [
                    _("BerAKHLAK Value"),
                    _("Answers"),
                    *(rating_labels[score] for score in feedback360_rules.SCORES),
                ]
            )
            rows = []
            for value in values:
                total = aggregate["values"][value.code]
                if total["withheld"]:
                    cells = Markup('<td colspan="3" class="text-muted">%s</td>') % _(
                        "Withheld: fewer than %(minimum)s answers.",
                        minimum=aggregate["min_responses"],
                    )
                else:
                    cells = Markup("").join(
                        Markup("<td>%s (%s %%)</td>")
                        % (
                            total["counts"][score],
                            round(total["shares"][score] * 100),
                        )
                        for score in feedback360_rules.SCORES
                    )
                rows.append(
                    Markup("<tr><td>%s</td><td>%s</td>%s</tr>")
                    % (value.name, total["count"], cells)
                )
                texts = comments.get((appraisal.id, value.code))
                if texts:
                    items = Markup("").join(Markup("<li>%s</li>") % t for t in texts)
                    rows.append(
                        Markup('<tr><td></td><td colspan="4"><ul>%s</ul></td></tr>')
                        % items
                    )
            result[appraisal.id] = Markup(
                '<table class="table table-sm"><thead><tr>%s</tr></thead>'
                "<tbody>%s</tbody></table>"
            ) % (head, Markup("").join(rows))
        return result

    def _get_feedback360_summary_html(self):
        """The rendered totals per SKP that the current user may see."""
        visible = self.filtered(lambda a: a._can_see_feedback360())
        return visible._render_feedback360_html(visible._get_feedback360_aggregates())

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_feedback360(self):
        """HR opens the SKP's 360° round, or a new one for it."""
        self.ensure_one()
        if not self.env.user.has_group("hr_asn_appraisal.group_hr_asn_officer"):
            raise AccessError(_("Only an HR officer can run 360° feedback rounds."))
        if not self.cycle_id.enable_360:
            raise UserError(
                _(
                    "360° behaviour input is not enabled for the cycle %(cycle)s.",
                    cycle=self.cycle_id.name,
                )
            )
        action = {
            "type": "ir.actions.act_window",
            "name": _("360° Feedback"),
            "res_model": "hr.asn.feedback360.request",
            "view_mode": "form",
            "target": "current",
        }
        if self.feedback360_request_ids:
            action["res_id"] = self.feedback360_request_ids[0].id
        else:
            action["context"] = {"default_appraisal_id": self.id}
        return action
