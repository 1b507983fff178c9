import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

// HR in a new office: from the empty SKP list to the getting-started
// checklist, imports the sample SIASN extract (stored by the test as an
// attachment named below), sees the errors, corrects one row in the preview,
// imports the valid rows, then opens the first cycle. Triggers rely on field
// and button names, so the tour runs in any user language.

const SAMPLE = "siasn_extract_sample.csv";

function b64ToFile(data, name) {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return new File([bytes], name, { type: "text/csv" });
}

function openGettingStarted() {
    return [
        {
            content: "The empty SKP list offers to get started",
            trigger: ".o_view_nocontent a[type=action][name='hr_asn_appraisal.hr_asn_getting_started_action']",
            run: "click",
        },
        {
            content: "The checklist opens",
            trigger: ".modal .o_asn_getting_started",
        },
    ];
}

registry.category("web_tour.tours").add("hr_asn_employee_import_tour", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_my",
    steps: () => [
        ...openGettingStarted(),
        {
            content: "Step 1: import the employees",
            trigger: ".modal button[name=action_import_employees]",
            run: "click",
        },
        {
            content: "Upload the SIASN extract",
            trigger: ".modal .o_field_widget[name=file]",
            async run() {
                const [attachment] = await rpc("/web/dataset/call_kw/ir.attachment/search_read", {
                    model: "ir.attachment",
                    method: "search_read",
                    args: [[["name", "=", SAMPLE]], ["datas"]],
                    kwargs: {},
                });
                const input = document.querySelector(
                    ".modal .o_field_widget[name=file] input[type=file]"
                );
                const transfer = new DataTransfer();
                transfer.items.add(b64ToFile(attachment.datas, SAMPLE));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is attached",
            trigger: ".modal .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "Preview",
            trigger: ".modal button[name=action_preview]",
            run: "click",
        },
        {
            content: "The preview lists the errors with their rows",
            trigger: ".modal .o_asn_import_errors:contains(131)",
        },
        {
            content: "Four rows have errors",
            trigger: ".modal .o_field_widget[name=error_count]:contains(4)",
        },
        {
            content: "Row 131 (unknown golongan III/e) is among the first rows",
            trigger: ".modal .o_data_row:has(.o_data_cell[name=row_number]:contains(131)) .o_data_cell[name=golongan]",
            run: "click",
        },
        {
            content: "Correct its golongan",
            trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=golongan] input",
            run: "edit III/d",
        },
        {
            content: "Check again",
            trigger: ".modal button[name=action_check]",
            run: "click",
        },
        {
            content: "Three errors are left",
            trigger: ".modal .o_field_widget[name=error_count]:contains(3)",
        },
        {
            content: "Row 131 is fine now",
            trigger: ".modal .o_asn_import_errors:not(:contains(Row 131:))",
        },
        {
            content: "Import the valid rows",
            trigger: ".modal .o_field_widget[name=import_valid_rows] input",
            run: "click",
        },
        {
            content: "Import",
            trigger: ".modal button[name=action_import]",
            run: "click",
        },
        {
            content: "The employees are imported",
            trigger: ".modal .o_asn_import_result:contains(197)",
        },
        {
            content: "Close",
            trigger: ".modal .modal-footer button.btn-secondary:not([name])",
            run: "click",
        },
        ...openGettingStarted(),
        {
            content: "Step 1 is done",
            trigger: ".modal .o_asn_step_import .fa-check-circle:not(.o_invisible_modifier)",
        },
        {
            content: "Step 4: open the first cycle",
            trigger: ".modal button[name=action_cycle]",
            run: "click",
        },
        {
            content: "A new cycle of this year is prefilled",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(/SKP \\d{4}/)",
        },
        {
            content: "Open it",
            trigger: ".o_form_view .o_form_statusbar button[name=action_open]",
            run: "click",
        },
        {
            content: "The cycle is open",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=open]",
        },
    ],
});
