import base64
import io
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.hr_employee import nip_error_message
from ..rules import employee_extract as extract_rules
from ..rules import nip as nip_rules

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
# A province has about 50,000 employees; beyond this the file is refused.
MAX_ROWS = 60000
# Rows per create: one batch of flat queries each.
BATCH = 1000
# Errors listed above the preview (every error is on its line).
LISTED_ERRORS = 50
RAW_FIELDS = extract_rules.COLUMNS  # the line's fields carry the same names
EMPLOYEE_FIELDS = (
    "name",
    "asn_type",
    "asn_nip",
    "asn_rank_id",
    "job_title",
    "asn_position_type",
    "asn_position_level",
    "department_id",
    "parent_id",
    "asn_appraiser_id",
    "active",
)
# Creating thousands of employees: no "created" message or follower each.
QUIET_CREATE = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
}
# The avatar and its sizes (image.mixin), given at creation: computed from
# image_1920 instead, each size would be written employee by employee.
IMAGE_FIELDS = ("image_1920", "image_1024", "image_512", "image_256", "image_128")


class HrAsnEmployeeImportWizard(models.TransientModel):
    """Import employees from a SIASN/SIMPEG extract (CSV or XLSX).

    The file is read into preview lines (one per row), each checked with
    rules/employee_extract.py and against the company's employees, units and
    ranks: what would be created, updated or left unchanged, and every error
    with its row number. HR may correct a line and check again. The import
    then writes everything in one transaction: nothing when a row has an
    error, unless HR chose to import the valid rows.
    """

    _name = "hr.asn.employee.import.wizard"
    _description = "Import Employees from a SIASN/SIMPEG Extract"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Employees are matched by NIP among this company's employees; "
        "units are this company's departments.",
    )
    file = fields.Binary(string="Extract (CSV or XLSX)", attachment=False)
    filename = fields.Char()
    import_valid_rows = fields.Boolean(
        string="Import the Valid Rows",
        help="Import the rows without errors and leave the others. By default "
        "nothing is imported while any row has an error.",
    )
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    line_ids = fields.One2many(
        "hr.asn.employee.import.line", "wizard_id", string="Rows"
    )
    create_count = fields.Integer(string="To Create", readonly=True)
    update_count = fields.Integer(string="To Update", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    error_count = fields.Integer(string="Rows with Errors", readonly=True)
    new_unit_count = fields.Integer(string="New Units", readonly=True)
    error_text = fields.Text(string="Errors", readonly=True)
    result_text = fields.Text(string="Result", readonly=True)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_officer(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only an HR officer can import employees."))
        for wizard in self:
            if wizard.company_id not in self.env.user.company_ids:
                raise AccessError(
                    self.env._(
                        "You do not work for %(company)s: you cannot import its "
                        "employees.",
                        company=wizard.company_id.display_name,
                    )
                )

    def _env_company(self):
        """The environment of the import: the wizard's company first."""
        return self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=[self.company_id.id]
                + [c.id for c in self.env.companies if c != self.company_id],
            )
        )

    # ------------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------------
    def _read_file(self):
        """``[(row number, raw texts)]`` of the uploaded file."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the extract file (CSV or XLSX) first."))
        content = base64.b64decode(self.file)
        name = (self.filename or "").lower()
        try:
            if name.endswith((".xlsx", ".xlsm")) or content[:2] == b"PK":
                headings, table = self._read_xlsx(content)
            elif name.endswith(".xls"):
                raise UserError(
                    self.env._(
                        "%(file)s is an old Excel file (.xls): save it as .xlsx "
                        "or .csv and upload it again.",
                        file=self.filename,
                    )
                )
            else:
                headings, table = extract_rules.read_csv(content)
            rows = extract_rules.rows_from_table(headings, table)
        except extract_rules.ExtractError as error:
            raise UserError(self._extract_error_message(error)) from error
        if not rows:
            raise UserError(self.env._("The file has headings but no employee rows."))
        if len(rows) > MAX_ROWS:
            raise UserError(
                self.env._(
                    "The file has %(count)s rows; import at most %(max)s at a "
                    "time (split it by unit).",
                    count=len(rows),
                    max=MAX_ROWS,
                )
            )
        return rows

    @api.model
    def _read_xlsx(self, content):
        import openpyxl  # noqa: PLC0415 - only for XLSX uploads

        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
        except Exception as error:  # noqa: BLE001 - any unreadable workbook
            raise UserError(
                self.env._("The file could not be read as an Excel workbook (.xlsx).")
            ) from error
        try:
            sheet = workbook.worksheets[0]
            table = [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
        if not table:
            raise extract_rules.ExtractError("empty")
        return table[0], table[1:]

    def _extract_error_message(self, error):
        labels = self._column_labels()
        columns = ", ".join(labels.get(c, c) for c in error.params.get("columns", []))
        if error.code == "missing_columns":
            return self.env._(
                "The file has no column for: %(columns)s. The accepted headings "
                "are listed in the import form's help.",
                columns=columns,
            )
        if error.code == "duplicate_columns":
            return self.env._(
                "Two columns of the file mean the same thing: %(columns)s. Keep one.",
                columns=", ".join(error.params.get("columns", [])),
            )
        return self.env._("The file is empty.")

    def _column_labels(self):
        return {
            "nip": self.env._("NIP"),
            "name": self.env._("Name"),
            "asn_type": self.env._("PNS/PPPK"),
            "golongan": self.env._("Golongan"),
            "position": self.env._("Position"),
            "position_type": self.env._("Position Type"),
            "position_level": self.env._("Position Level"),
            "unor": self.env._("Unit (Unor)"),
            "superior_nip": self.env._("Superior's NIP"),
        }

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------
    def _row_error_message(self, error):
        params = error.params
        code = error.code
        if code == "missing":
            column = self._column_labels().get(params["column"], params["column"])
            return self.env._("%(column)s is empty.", column=column)
        if code == "nip":
            nip_error = nip_rules.NipError(
                params["reason_code"], **params["reason_params"]
            )
            return nip_error_message(self.env, nip_error, params["nip"])
        messages = {
            "nip_number": lambda: self.env._(
                "The NIP %(value)s was stored as a number in the spreadsheet and "
                "lost its last digits: format the NIP columns as text and export "
                "again.",
                value=params.get("value"),
            ),
            "asn_type": lambda: self.env._(
                "%(value)s is neither PNS nor PPPK.", value=params.get("value")
            ),
            "golongan": lambda: self.env._(
                "Unknown golongan %(value)s for a %(type)s (PNS: I/a to IV/e; "
                "PPPK: I to XVII).",
                value=params.get("value"),
                type=params.get("asn_type"),
            ),
            "golongan_other_type": lambda: self.env._(
                "%(value)s is a %(other)s golongan, but the employee is %(type)s "
                "(PNS: I/a to IV/e; PPPK: I to XVII).",
                value=params.get("value"),
                other=params.get("other"),
                type=params.get("asn_type"),
            ),
            "position_type": lambda: self.env._(
                "Unknown position type %(value)s (JPT, Administrator, Pengawas, "
                "Pelaksana, Fungsional).",
                value=params.get("value"),
            ),
            "position_level": lambda: self.env._(
                "Unknown position level %(value)s.", value=params.get("value")
            ),
            "level_without_type": lambda: self.env._(
                "The level %(level)s does not belong to the position type %(type)s.",
                level=params.get("value"),
                type=params.get("position_type") or self.env._("(none)"),
            ),
            "duplicate_nip": lambda: self.env._(
                "NIP %(nip)s is already on row %(row)s.",
                nip=params.get("nip"),
                row=params.get("first_row"),
            ),
            "superior_self": lambda: self.env._(
                "The superior's NIP is the employee's own."
            ),
            "superior_nip": lambda: self.env._(
                "The superior's NIP %(nip)s is not an 18-digit number.",
                nip=params.get("nip"),
            ),
            "superior_not_found": lambda: self.env._(
                "The superior's NIP %(nip)s is neither in the file nor an employee "
                "of %(company)s.",
                nip=params.get("nip"),
                company=self.company_id.name,
            ),
            "superior_row_error": lambda: self.env._(
                "The superior (row %(row)s) has errors and cannot be imported.",
                row=params.get("row"),
            ),
            "superior_loop": lambda: self.env._(
                "The superiors lead back to this row (rows %(rows)s).",
                rows=params.get("rows"),
            ),
            "archived": lambda: self.env._(
                "NIP %(nip)s belongs to %(employee)s, who is archived: restore "
                "the employee first.",
                nip=params.get("nip"),
                employee=params.get("employee"),
            ),
            "rank_missing": lambda: self.env._(
                "The rank %(code)s is not in Configuration > Ranks (archived?).",
                code=params.get("code"),
            ),
        }
        return messages[code]()

    # ------------------------------------------------------------------
    # Checking: rows -> what would happen
    # ------------------------------------------------------------------
    def _prefetch_employees(self, numbered_raws):
        """The company's employees (archived too) whose NIP is in the file,
        as an employee or as a superior, by NIP: one query."""
        nips = set()
        for _number, raw in numbered_raws:
            nips.add(nip_rules.normalize(raw.get("nip")))
            nips.add(nip_rules.normalize(raw.get("superior_nip")))
        nips.discard("")
        Employee = self._env_company()["hr.employee"].with_context(active_test=False)
        if not nips:
            return {}
        employees = Employee.search_fetch(
            [("company_id", "=", self.company_id.id), ("asn_nip", "in", list(nips))],
            EMPLOYEE_FIELDS,
        )
        return {employee.asn_nip: employee for employee in employees}

    def _prefetch_units_ranks(self, rows):
        """The company's units by name and the ranks by (type, code): two
        queries."""
        env = self._env_company()
        names = sorted({row.unor for row in rows if row.unor})
        units = env["hr.department"].search_fetch(
            [("company_id", "=", self.company_id.id), ("name", "in", names)],
            ["name"],
            order="id",
        )
        unit_ids = defaultdict(list)
        for unit in units:
            unit_ids[unit.name].append(unit.id)
        ranks = {
            (rank.asn_type, rank.code): rank.id
            for rank in env["hr.asn.rank"].search_fetch([], ["asn_type", "code"])
        }
        return unit_ids, ranks

    def _check(self, numbered_raws):
        """``(rows, outcomes, prefetched)``: each row's action and message, and
        what the import needs (existing employees, units, ranks)."""
        by_nip = self._prefetch_employees(numbered_raws)
        known = {nip for nip, employee in by_nip.items() if employee.active}
        rows = extract_rules.check_rows(numbered_raws, known_nips=known)
        unit_ids, ranks = self._prefetch_units_ranks(rows)
        for row in rows:
            employee = by_nip.get(row.nip)
            if employee and not employee.active:
                row.errors.append(
                    extract_rules.RowError(
                        "archived", {"nip": row.nip, "employee": employee.name}
                    )
                )
            if row.golongan and (row.asn_type, row.golongan) not in ranks:
                row.errors.append(
                    extract_rules.RowError("rank_missing", {"code": row.golongan})
                )
        # An error found here (archived, rank) also stops the rows under it.
        extract_rules.propagate_superior_errors(rows, known)
        labels = self._field_labels()
        outcomes = []
        for row in rows:
            if row.errors:
                message = "\n".join(self._row_error_message(e) for e in row.errors)
                outcomes.append(("error", message))
                continue
            employee = by_nip.get(row.nip)
            if not employee:
                message = ""
                if row.unor not in unit_ids:
                    message = self.env._("New unit %(unit)s.", unit=row.unor)
                outcomes.append(("create", message))
                continue
            changes = self._changes(row, employee, by_nip, unit_ids, ranks)
            if changes:
                names = ", ".join(
                    labels[name]
                    for name, value in changes.items()
                    if name != "parent_id" or value != employee.parent_id.id
                )
                outcomes.append(
                    ("update", self.env._("Changes: %(fields)s", fields=names))
                )
            else:
                outcomes.append(("unchanged", ""))
        return rows, outcomes, (by_nip, unit_ids, ranks)

    def _field_labels(self):
        return {
            "name": self.env._("Name"),
            "asn_type": self.env._("PNS/PPPK"),
            "asn_rank_id": self.env._("Golongan"),
            "job_title": self.env._("Position"),
            "asn_position_type": self.env._("Position Type"),
            "asn_position_level": self.env._("Position Level"),
            "department_id": self.env._("Unit"),
            "parent_id": self.env._("Superior"),
            "asn_appraiser_id": self.env._("Appraiser"),
        }

    @api.model
    def _changes(self, row, employee, by_nip, unit_ids, ranks, new_ids=None):
        """The values to write on an existing employee (empty: unchanged).

        Empty optional cells (position, superior) keep what the employee has.
        ``new_ids`` maps the NIPs created by this import to their ids; while
        checking, a superior still to be created is a change.
        """
        vals = {}
        if employee.name != row.name:
            vals["name"] = row.name
        if employee.asn_type != row.asn_type:
            vals["asn_type"] = row.asn_type
        rank_id = ranks[(row.asn_type, row.golongan)]
        if employee.asn_rank_id.id != rank_id:
            vals["asn_rank_id"] = rank_id
        if row.position and employee.job_title != row.position:
            vals["job_title"] = row.position
        if row.position_type and employee.asn_position_type != row.position_type:
            vals["asn_position_type"] = row.position_type
        if (row.position_type or row.position_level) and (
            (employee.asn_position_level or "") != row.position_level
        ):
            vals["asn_position_level"] = row.position_level or False
        units = unit_ids.get(row.unor)
        if not units or employee.department_id.id not in units:
            vals["department_id"] = units[0] if units else row.unor
        if row.superior_nip:
            superior = by_nip.get(row.superior_nip)
            superior_id = (
                superior.id
                if superior
                else (new_ids or {}).get(row.superior_nip, row.superior_nip)
            )
            if employee.parent_id.id != superior_id:
                vals["parent_id"] = superior_id
                # The appraiser follows the superior unless HR chose another
                # one (hr_employee.py: it defaults to the manager).
                appraiser = employee.asn_appraiser_id
                if not appraiser or appraiser == employee.parent_id:
                    vals["asn_appraiser_id"] = superior_id
        if "department_id" in vals and "parent_id" not in vals:
            # hr sets the manager of a moved employee to the new unit's
            # manager: the superior of the file (or the current one) stays.
            vals["parent_id"] = employee.parent_id.id
        return vals

    def _lines_in_file_order(self):
        """The preview lines in the file's order (the first of two rows with
        the same NIP is the one imported), whatever order the preview shows."""
        data = self.line_ids.read(["row_number", *RAW_FIELDS], load=None)
        return sorted(data, key=lambda values: (values["row_number"], values["id"]))

    def _lines_raws(self, data):
        return [
            extract_rules.raw_row(
                values["row_number"], {c: (values[c] or "") for c in RAW_FIELDS}
            )
            for values in data
        ]

    def _counts(self, outcomes, rows, unit_ids):
        count = defaultdict(int)
        for action, _message in outcomes:
            count[action] += 1
        errors = [
            self.env._("Row %(row)s: %(message)s", row=row.number, message=message)
            for row, (action, message) in zip(rows, outcomes, strict=True)
            if action == "error"
        ]
        text = "\n".join(errors[:LISTED_ERRORS])
        if len(errors) > LISTED_ERRORS:
            text += "\n" + self.env._(
                "... and %(count)s more rows with errors (see the rows below).",
                count=len(errors) - LISTED_ERRORS,
            )
        new_units = {
            row.unor
            for row, (action, _m) in zip(rows, outcomes, strict=True)
            if action != "error" and row.unor not in unit_ids
        }
        return {
            "create_count": count["create"],
            "update_count": count["update"],
            "unchanged_count": count["unchanged"],
            "error_count": count["error"],
            "new_unit_count": len(new_units),
            "error_text": text or False,
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Employees"),
        }

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_preview(self):
        """Read the file into preview lines and check them (writes nothing
        but the preview)."""
        self.ensure_one()
        self._check_officer()
        numbered_raws = self._read_file()
        rows, outcomes, (_by_nip, unit_ids, _ranks) = self._check(numbered_raws)
        self.line_ids.unlink()
        Line = self.env["hr.asn.employee.import.line"]
        for start in range(0, len(rows), BATCH * 5):
            Line.create(
                [
                    {
                        "wizard_id": self.id,
                        "row_number": row.number,
                        **{c: row.raw.get(c) or False for c in RAW_FIELDS},
                        "action": action,
                        "is_error": action == "error",
                        "message": message or False,
                    }
                    for row, (action, message) in zip(
                        rows[start : start + BATCH * 5],
                        outcomes[start : start + BATCH * 5],
                        strict=True,
                    )
                ]
            )
        # the preview lists the lines in their order: rows with errors first
        self.invalidate_recordset(["line_ids"])
        self.write(
            {
                "state": "preview",
                "result_text": False,
                **self._counts(outcomes, rows, unit_ids),
            }
        )
        return self._reopen()

    def action_check(self):
        """Check the preview lines again, after HR corrected some."""
        self.ensure_one()
        self._check_officer()
        if not self.line_ids:
            return self.action_preview()
        data = self._lines_in_file_order()
        rows, outcomes, (_by_nip, unit_ids, _ranks) = self._check(
            self._lines_raws(data)
        )
        self._write_outcomes(data, outcomes)
        self.write({"result_text": False, **self._counts(outcomes, rows, unit_ids)})
        return self._reopen()

    def _write_outcomes(self, data, outcomes):
        """Each line's action and message, one write per distinct pair."""
        groups = defaultdict(list)
        for values, (action, message) in zip(data, outcomes, strict=True):
            groups[(action, message or False)].append(values["id"])
        Line = self.env["hr.asn.employee.import.line"]
        for (action, message), ids in groups.items():
            Line.browse(ids).write(
                {"action": action, "is_error": action == "error", "message": message}
            )

    def action_import(self):
        """Create and update the employees, units and superiors in one
        transaction. Any error stops everything unless the valid rows are
        to be imported."""
        self.ensure_one()
        self._check_officer()
        if not self.line_ids:
            self.action_preview()
        data = self._lines_in_file_order()
        rows, outcomes, prefetched = self._check(self._lines_raws(data))
        self._write_outcomes(data, outcomes)
        counts = self._counts(outcomes, rows, prefetched[1])
        if counts["error_count"] and not self.import_valid_rows:
            raise UserError(
                self.env._(
                    "%(count)s rows have errors: nothing was imported. Correct "
                    "them in the file or in the rows below, or choose to import "
                    "the valid rows.\n%(errors)s",
                    count=counts["error_count"],
                    errors=counts["error_text"],
                )
            )
        valid = [
            (row, action)
            for row, (action, _message) in zip(rows, outcomes, strict=True)
            if action != "error"
        ]
        created, updated, new_units = self._apply(valid, *prefetched)
        self.write(
            {
                **counts,
                "state": "done",
                "result_text": self.env._(
                    "%(created)s employees created, %(updated)s updated, "
                    "%(unchanged)s unchanged, %(units)s new units, %(errors)s "
                    "rows with errors not imported.",
                    created=created,
                    updated=updated,
                    unchanged=counts["unchanged_count"],
                    units=new_units,
                    errors=counts["error_count"],
                ),
            }
        )
        return self._reopen()

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def _apply(self, valid, by_nip, unit_ids, ranks):
        """Write the valid rows as the user (their access rights apply):
        missing units in one create, new employees superiors first in batches,
        updates grouped by identical values. Returns the counts."""
        env = self._env_company()
        company = self.company_id
        Department = env["hr.department"]
        missing_units = sorted(
            {row.unor for row, _action in valid if row.unor not in unit_ids}
        )
        if missing_units:
            units = Department.create(
                [{"name": name, "company_id": company.id} for name in missing_units]
            )
            for unit in units:
                unit_ids[unit.name].append(unit.id)
        Employee = env["hr.employee"].with_context(**QUIET_CREATE)
        to_create = [row for row, action in valid if action == "create"]
        existing = {nip for nip in by_nip if nip}
        new_ids = {}
        for level in extract_rules.creation_levels(to_create, existing):
            for start in range(0, len(level), BATCH):
                chunk = level[start : start + BATCH]
                vals_list = [
                    self._create_vals(row, by_nip, new_ids, unit_ids, ranks)
                    for row in chunk
                ]
                employees = self._create_employees(Employee, vals_list)
                new_ids.update(
                    zip((row.nip for row in chunk), employees.ids, strict=True)
                )
        updates = defaultdict(list)
        for row, action in valid:
            if action != "update":
                continue
            vals = self._changes(row, by_nip[row.nip], by_nip, unit_ids, ranks, new_ids)
            if vals:
                updates[tuple(sorted(vals.items()))].append(by_nip[row.nip].id)
        for vals, ids in updates.items():
            env["hr.employee"].browse(ids).write(dict(vals))
        return (
            len(new_ids),
            sum(len(ids) for ids in updates.values()),
            len(missing_units),
        )

    @api.model
    def _create_employees(self, Employee, vals_list):
        """Create a batch of employees with flat queries.

        Odoo's own creation gives each employee its work contact, avatar and
        follower one record at a time (a write each: about 16 queries per
        employee). Here the avatars (Odoo's, from the name, with their sizes),
        the work contacts (created as superuser, as hr does) and the work
        contacts as followers of their employee are made for the whole batch.
        The work contact keeps no copy of the avatar: a contact without an
        image shows the same initials, generated when displayed.
        """
        avatars = [
            Employee.new({"name": vals["name"]})._avatar_generate_svg()
            for vals in vals_list
        ]
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(**QUIET_CREATE)
            .create(
                [
                    {"name": vals["name"], "company_id": vals["company_id"]}
                    for vals in vals_list
                ]
            )
        )
        employees = Employee.create(
            [
                dict(
                    vals,
                    work_contact_id=partner.id,
                    **dict.fromkeys(IMAGE_FIELDS, avatar),
                )
                for vals, partner, avatar in zip(
                    vals_list, partners, avatars, strict=True
                )
            ]
        )
        _all, _internal, external = self.env["mail.message.subtype"].default_subtypes(
            "hr.employee"
        )
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": "hr.employee",
                    "res_id": employee.id,
                    "partner_id": partner.id,
                    "subtype_ids": [fields.Command.set(external.ids)],
                }
                for employee, partner in zip(employees, partners, strict=True)
            ]
        )
        return employees

    def _create_vals(self, row, by_nip, new_ids, unit_ids, ranks):
        superior = by_nip.get(row.superior_nip) if row.superior_nip else None
        parent_id = superior.id if superior else new_ids.get(row.superior_nip, False)
        return {
            "name": row.name,
            "company_id": self.company_id.id,
            "asn_type": row.asn_type,
            "asn_nip": row.nip,
            "asn_rank_id": ranks[(row.asn_type, row.golongan)],
            "job_title": row.position or False,
            "asn_position_type": row.position_type or False,
            "asn_position_level": row.position_level or False,
            "department_id": unit_ids[row.unor][0],
            "parent_id": parent_id,
        }

    def action_open_employees(self):
        """The company's ASN employees, those to check first."""
        self.ensure_one()
        return self.env["hr.asn.getting.started"]._action_employees_to_check(
            self.company_id
        )
