from odoo.tools import SQL

# Rows that point at a document by (model, id): no foreign key cascades them.
TRACE_TABLES = (
    ("hr_asn_reminder_log", "res_model"),
    ("mail_message", "model"),
    ("mail_activity", "res_model"),
    ("hr_asn_transition_log", "res_model"),
)


def delete_document_traces(cr, model, ids):
    """Remove what committed tests left about these documents: reminders,
    chatter, to-dos and transition-log rows (the log refuses the ORM)."""
    ids = tuple(ids) or (0,)
    for table, column in TRACE_TABLES:
        cr.execute(
            SQL(
                "DELETE FROM %s WHERE %s = %s AND res_id IN %s",
                SQL.identifier(table),
                SQL.identifier(column),
                model,
                ids,
            )
        )
