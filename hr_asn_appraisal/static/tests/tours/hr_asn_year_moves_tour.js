import { registry } from "@web/core/registry";

// HR records a transfer (mutasi) on the employee form: the running SKP ends,
// a new draft SKP starts with the new appraiser (docs/year.md).
registry.category("web_tour.tours").add("hr_asn_year_moves_tour_hr_transfer", {
    steps: () => [
        {
            content: "Open the ASN page of the employee",
            trigger: ".o_notebook .nav-link[name=asn]",
            run: "click",
        },
        {
            content: "Record a position change",
            trigger: "button[name=action_asn_record_position_change]",
            run: "click",
        },
        {
            content: "The transfer takes effect on 1 July",
            trigger: ".modal .o_field_widget[name=date] input",
            run: "edit 07/01/2026",
        },
        {
            content: "The new unit",
            trigger: ".modal .o_field_widget[name=department_id] input",
            run: "edit Bidang Keuangan",
        },
        {
            content: "Pick the unit",
            trigger: ".o-autocomplete--dropdown-item:contains(Bidang Keuangan)",
            run: "click",
        },
        {
            content: "The new appraiser",
            trigger: ".modal .o_field_widget[name=appraiser_id] input",
            run: "edit Kepala Bidang Keuangan",
        },
        {
            content: "Pick the appraiser",
            trigger: ".o-autocomplete--dropdown-item:contains(Kepala Bidang Keuangan)",
            run: "click",
        },
        {
            content: "Record it",
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The new SKP opens, in draft",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=draft]",
        },
        {
            content: "It starts on 1 July",
            trigger: ".o_form_view .o_field_widget[name=date_start]:contains(07/01/2026)",
        },
    ],
});
