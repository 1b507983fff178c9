from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# SKP states in which the appraisers give umpan balik and coach: from the
# approval of the plan on; a cancelled SKP is closed.
DIALOGUE_STATES = ("approved", "rated", "done")
# Roles (hr.asn.appraisal._get_user_roles) that write feedback and coaching.
DIALOGUE_AUTHOR_ROLES = {"appraiser", "appraiser_parent"}
# What the employee may write: the reply, nothing else.
REPLY_FIELDS = {"employee_reply"}
# Set once, by the system.
FIXED_FIELDS = {"appraisal_id", "author_id", "date_reply", "company_id", "employee_id"}


class HrAsnAppraisalDialogueMixin(models.AbstractModel):
    """What umpan balik (feedback) and coaching records share.

    They belong to an approved (or later) SKP, are written by its appraiser or
    the appraiser's superior, and are read by the employee, who may only
    answer in ``employee_reply``. The SKP decides the roles
    (``_get_user_roles``), so that screen and server agree.
    """

    _name = "hr.asn.appraisal.dialogue.mixin"
    _description = "SKP Feedback and Coaching (shared)"
    _check_company_auto = True

    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain=[("state", "in", DIALOGUE_STATES)],
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id",
        string="Pegawai",
        store=True,
        index=True,
        precompute=True,
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id")
    author_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    employee_reply = fields.Text(
        string="Employee's Reply", help="Only the employee of the SKP writes here."
    )
    date_reply = fields.Datetime(string="Replied On", readonly=True)
    can_edit = fields.Boolean(compute="_compute_dialogue_permissions")
    can_reply = fields.Boolean(compute="_compute_dialogue_permissions")

    @api.depends_context("uid")
    @api.depends("appraisal_id.state", "author_id")
    def _compute_dialogue_permissions(self):
        for record in self:
            record.can_edit = not record._get_write_refusal({"date"})
            record.can_reply = not record._get_write_refusal(REPLY_FIELDS)

    # ------------------------------------------------------------------
    # Permissions: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_write_refusal(self, field_names):
        """Why the current user may not write these fields: (error class,
        message), or None."""
        self.ensure_one()
        if self.env.su:
            return None
        appraisal = self.appraisal_id
        if field_names & FIXED_FIELDS:
            return UserError, _(
                "The SKP, the author and the reply date of %(record)s cannot be "
                "changed.",
                record=self.display_name,
            )
        roles = appraisal._get_user_roles() if appraisal else set()
        if "employee" in roles:
            if field_names - REPLY_FIELDS:
                return AccessError, _(
                    "On %(record)s you may only write your reply.",
                    record=self.display_name,
                )
        elif field_names & REPLY_FIELDS:
            return AccessError, _(
                "Only the employee can reply to %(record)s.",
                record=self.display_name,
            )
        elif self.author_id != self.env.user:
            return AccessError, _(
                "Only %(author)s, who wrote %(record)s, can change it.",
                author=self.author_id.name,
                record=self.display_name,
            )
        if appraisal.state not in DIALOGUE_STATES:
            return UserError, _(
                "%(skp)s is %(state)s: its umpan balik and coaching can no longer "
                "change.",
                skp=appraisal.display_name,
                state=appraisal._state_label(appraisal.state),
            )
        return None

    @api.constrains("date", "appraisal_id")
    def _check_date(self):
        """A session is recorded once held, within its SKP's cycle; the annual
        evaluation's may follow the cycle's end, so only the start bounds it."""
        today = fields.Date.context_today(self)
        for record in self:
            cycle = record.appraisal_id.cycle_id
            if record.date > today:
                raise ValidationError(
                    _(
                        "The date of %(record)s (%(date)s) is in the future: record "
                        "umpan balik and coaching once they have taken place.",
                        record=record.display_name,
                        date=format_date(self.env, record.date),
                    )
                )
            if cycle and record.date < cycle.date_start:
                raise ValidationError(
                    _(
                        "The date of %(record)s (%(date)s) is before the cycle "
                        "%(cycle)s starts.",
                        record=record.display_name,
                        date=format_date(self.env, record.date),
                        cycle=cycle.name,
                    )
                )

    def _check_write_allowed(self, field_names):
        for record in self:
            refusal = record._get_write_refusal(field_names)
            if refusal:
                error_class, message = refusal
                raise error_class(message)

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            Appraisal = self.env["hr.asn.appraisal"]
            for vals in vals_list:
                if set(vals) & (REPLY_FIELDS | {"date_reply"}):
                    raise UserError(
                        _("A new umpan balik or coaching record has no reply yet.")
                    )
                Appraisal.browse(vals.get("appraisal_id"))._check_can_add_feedback()
                # Always written in one's own name.
                vals["author_id"] = self.env.uid
        records = super().create(vals_list)
        records._notify_employee()
        return records

    def write(self, vals):
        if not self.env.su:
            self._check_write_allowed(set(vals))
        replied = "employee_reply" in vals
        if replied:
            vals = dict(vals, date_reply=fields.Datetime.now())
        result = super().write(vals)
        if replied:
            self.filtered("employee_reply")._notify_author()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_author(self):
        if self.env.su:
            return
        for record in self:
            if record.author_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(author)s, who wrote %(record)s, can delete it.",
                        author=record.author_id.name,
                        record=record.display_name,
                    )
                )
            if record.employee_reply:
                raise UserError(
                    _(
                        "%(record)s has been answered by the employee and is kept.",
                        record=record.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Chatter
    # ------------------------------------------------------------------
    def _get_dialogue_summary(self):
        """One line that tells the employee what was recorded (per model)."""
        self.ensure_one()
        return self.display_name

    def _post_on_appraisal(self, body, partners):
        """A note on the SKP's chatter, in the current user's name.

        Posted with sudo: a validated SKP is locked, and the readers of this
        record are exactly the readers of the SKP.
        """
        self.ensure_one()
        self.appraisal_id.sudo().message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
            partner_ids=partners.ids,
        )

    def _notify_employee(self):
        for record in self:
            partner = record.appraisal_id.sudo().employee_id.user_id.partner_id
            body = Markup("<p>%s</p>") % record._get_dialogue_summary()
            record._post_on_appraisal(body, partner)

    def _notify_author(self):
        for record in self:
            title = _(
                "Reply of %(employee)s to %(record)s",
                employee=record.sudo().employee_id.name,
                record=record.display_name,
            )
            body = Markup("<p><b>%s</b></p><p>%s</p>") % (title, record.employee_reply)
            record._post_on_appraisal(body, record.author_id.partner_id)
