from odoo import fields, models


class HrAsnReminderLog(models.Model):
    """One reminder sent: what about, which kind, to whom, when.

    The scheduled action reads it before sending, and the unique index makes a
    second run (or a concurrent one) on the same day a no-op.
    """

    _name = "hr.asn.reminder.log"
    _description = "ASN Appraisal Reminder Log"
    _order = "date desc, id desc"
    _log_access = False

    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document", required=True, model_field="res_model"
    )
    kind = fields.Char(string="Reminder", required=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    date = fields.Date(required=True, index=True)

    _sql_constraints = [
        (
            "reminder_unique_per_day",
            "unique(res_model, res_id, kind, user_id, date)",
            "This reminder was already sent today.",
        ),
    ]
