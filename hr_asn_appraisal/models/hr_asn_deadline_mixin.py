from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrAsnDeadlineMixin(models.AbstractModel):
    """Lateness of a document that is filed in draft by a deadline.

    Late means submitted after the deadline (``submitted_late``, stamped at
    submission by the model) or still in draft once it has passed. The
    deadline is a field path given by ``_deadline_field``: the cycle's filing
    deadline for the SKP, the period's own deadline for a check-in.
    """

    _name = "hr.asn.deadline.mixin"
    _description = "ASN Filing Deadline"
    _deadline_field = "date_deadline"

    submitted_late = fields.Boolean(readonly=True, copy=False)
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Submitted after the deadline, or still in draft after it.",
    )

    @api.depends(lambda self: ("state", "submitted_late", self._deadline_field))
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for record in self:
            deadline = next(iter(record.mapped(self._deadline_field)), False)
            record.is_late = record.submitted_late or (
                record.state == "draft" and bool(deadline) and deadline < today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on the Late filter."))
        late = [
            "|",
            ("submitted_late", "=", True),
            "&",
            ("state", "=", "draft"),
            (self._deadline_field, "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return late
        return ["!", *late]
