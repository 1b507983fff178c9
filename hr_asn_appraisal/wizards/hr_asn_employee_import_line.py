from odoo import fields, models

ACTIONS = [
    ("create", "Create"),
    ("update", "Update"),
    ("unchanged", "Unchanged"),
    ("error", "Error"),
]


class HrAsnEmployeeImportLine(models.TransientModel):
    """One row of an employee extract in the import preview: the texts read
    from the file (HR may correct them here and check again) and what the
    import would do with the row, or why it cannot."""

    _name = "hr.asn.employee.import.line"
    _description = "Row of an Employee Extract"
    _order = "is_error desc, row_number, id"

    wizard_id = fields.Many2one(
        "hr.asn.employee.import.wizard",
        required=True,
        ondelete="cascade",
        index=True,
    )
    row_number = fields.Integer(string="Row", readonly=True)
    nip = fields.Char(string="NIP")
    name = fields.Char()
    asn_type = fields.Char(string="PNS/PPPK")
    golongan = fields.Char()
    position = fields.Char()
    position_type = fields.Char()
    position_level = fields.Char()
    unor = fields.Char(string="Unit (Unor)")
    superior_nip = fields.Char(string="Superior's NIP")
    action = fields.Selection(ACTIONS, readonly=True)
    # rows with errors first in the preview, where HR corrects them
    is_error = fields.Boolean(readonly=True)
    message = fields.Text(readonly=True)
