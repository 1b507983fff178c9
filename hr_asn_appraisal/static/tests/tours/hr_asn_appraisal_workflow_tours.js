import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";

// Browser tours of the SKP workflow, one per role. Triggers rely on field and
// button names only, so they run in any user language (the tests use Indonesian).

function currentState(state) {
    return {
        content: `The SKP is now ${state}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${state}]`,
    };
}

function openOnlyRow() {
    return {
        content: "Open the SKP",
        trigger: ".o_list_renderer .o_data_row .o_data_cell[name=cycle_id]",
        run: "click",
    };
}

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_staff_draft", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_my",
    steps: () => [
        openOnlyRow(),
        currentState("draft"),
        {
            content: "Add an RHK",
            trigger: ".o_form_view .o_field_widget[name=rhk_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Write the RHK",
            trigger: ".modal .o_inner_group .o_field_widget[name=name] textarea",
            run: "edit Terdigitalkannya arsip kepegawaian",
        },
        {
            content: "Say which RHK of the superior it intervenes",
            trigger: ".modal .o_field_widget[name=parent_rhk_text] textarea",
            run: "edit Meningkatnya kualitas manajemen ASN",
        },
        {
            content: "Add an IKI",
            trigger: ".modal .o_field_widget[name=iki_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Write the indicator",
            trigger: ".modal .o_field_widget[name=iki_ids] .o_data_row .o_field_widget[name=name] textarea",
            run: "edit Jumlah arsip yang didigitalkan",
        },
        {
            content: "Pick the aspect",
            trigger: ".modal .o_field_widget[name=iki_ids] .o_data_row .o_field_widget[name=aspect] select",
            run: 'select "kuantitas"',
        },
        {
            content: "Set the target value",
            trigger: ".modal .o_field_widget[name=iki_ids] .o_data_row .o_field_widget[name=target_value] input",
            run: "edit 250",
        },
        {
            content: "Set the target unit",
            trigger: ".modal .o_field_widget[name=iki_ids] .o_data_row .o_field_widget[name=target_unit] input",
            run: "edit Dokumen",
        },
        {
            content: "Save the RHK",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The RHK is in the plan",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=rhk_ids] .o_data_row:contains(Terdigitalkannya arsip)",
        },
        {
            content: "Submit the SKP",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        currentState("submitted"),
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_appraiser_approve", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_to_review",
    steps: () => [
        openOnlyRow(),
        currentState("submitted"),
        {
            content: "The plan is there",
            trigger: ".o_field_widget[name=rhk_ids] .o_data_row",
        },
        {
            content: "Approve the SKP",
            trigger: ".o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        currentState("approved"),
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_appraiser_rate", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_to_review",
    steps: () => [
        openOnlyRow(),
        currentState("approved"),
        {
            content: "Open the rating page",
            trigger: ".o_notebook .nav-link[name=rating]",
            run: "click",
        },
        {
            content: "Rate the work",
            trigger: ".o_field_widget[name=work_rating] select",
            run: 'select "above"',
        },
        {
            content: "Rate the behaviour",
            trigger: ".o_field_widget[name=behavior_rating] select",
            run: 'select "as_expected"',
        },
        {
            content: "Confirm the rating",
            trigger: ".o_form_statusbar button[name=action_rate]",
            run: "click",
        },
        currentState("rated"),
        {
            content: "The predikat is shown",
            trigger: ".o_field_widget[name=predikat] span:not(:empty)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_hr_validate", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_all",
    steps: () => [
        {
            content: "Unfold the unit",
            trigger: ".o_list_renderer .o_group_header",
            run: "click",
        },
        openOnlyRow(),
        currentState("rated"),
        {
            content: "Validate the SKP",
            trigger: ".o_form_statusbar button[name=action_validate]",
            run: "click",
        },
        currentState("done"),
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_staff_training", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_my",
    steps: () => [
        openOnlyRow(),
        currentState("done"),
        {
            content: "Ask for a training",
            trigger: ".o_form_statusbar button[name=action_request_training]",
            run: "click",
        },
        {
            content: "Request the programme",
            trigger: ".modal .o_data_row:contains(Pelatihan Arsip Digital) button[name=action_choose]",
            run: "click",
        },
        {
            content: "The request is open",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=program_id]",
        },
        {
            content: "It is the chosen programme",
            trigger: ".o_breadcrumb:contains(Pelatihan Arsip Digital)",
        },
        {
            content: "Submit the request",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        currentState("submitted"),
        {
            content: "Back to the SKP",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Staf Satu)",
            run: "click",
        },
        {
            content: "Open the training page",
            trigger: ".o_notebook .nav-link[name=training]",
            run: "click",
        },
        {
            content: "The request is listed on the SKP",
            trigger: ".o_field_widget[name=training_request_ids] .o_data_row:contains(Pelatihan Arsip Digital)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_hr_analysis", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_cycle_action",
    steps: () => [
        {
            content: "Open the cycle",
            trigger: ".o_list_renderer .o_data_row .o_data_cell[name=name]:contains(SKP 2026)",
            run: "click",
        },
        {
            content: "Open the cycle's progress",
            trigger: ".o_form_view button[name=action_view_progress]",
            run: "click",
        },
        {
            content: "Units by state, as a pivot",
            trigger: ".o_pivot_view .o_pivot table th",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_hr_analysis_menu", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_analysis",
    steps: () => [
        {
            content: "Predikat by unit, as a graph",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "Units and cycles by predikat, as a pivot",
            trigger: ".o_pivot_view .o_pivot table th",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_hr_calibration_chart", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_unit_rating_action",
    steps: () => [
        {
            content: "Open the unit's rating",
            trigger: ".o_list_renderer .o_data_row .o_data_cell[name=department_id]",
            run: "click",
        },
        {
            content: "Open the calibration chart",
            trigger: ".o_form_view button[name=action_view_predikat_chart]",
            run: "click",
        },
        {
            content: "Predikat of the unit, as a graph",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_hr_validate_unit", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_unit_rating_action",
    steps: () => [
        {
            content: "Open the unit's rating",
            trigger: ".o_list_renderer .o_data_row .o_data_cell[name=department_id]",
            run: "click",
        },
        {
            content: "Validate the unit's SKPs",
            trigger: ".o_form_statusbar button[name=action_open_validate_wizard]",
            run: "click",
        },
        {
            content: "The curve breaches the rule: give the reason",
            trigger: ".modal .o_field_widget[name=override_reason] textarea",
            run: "edit Unit kecil; seluruh pegawai mencapai target.",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Nothing is left to validate",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_statusbar:not(:has(button[name=action_open_validate_wizard]))",
        },
        {
            content: "Open the unit's SKPs",
            trigger: ".o_form_view button[name=action_view_appraisals]",
            run: "click",
        },
        {
            content: "Remove the grouping by predikat",
            trigger: ".o_searchview_facet:has(.oi-group) .o_facet_remove",
            run: "click",
        },
        {
            content: "Select every SKP of the unit",
            trigger: ".o_list_renderer:not(:has(.o_group_header)) thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the print menu",
            trigger: ".o_cp_action_menus button:has(.fa-print)",
            run(helpers) {
                // Observe the real download: mark the page once the file has arrived.
                const original = download._download;
                download._download = async (options) => {
                    const result = await original(options);
                    document.body.dataset.asnDownloaded = options.url;
                    download._download = original;
                    return result;
                };
                return helpers.click();
            },
        },
        {
            content: "Download the Excel recap",
            trigger: ".o-dropdown-item:contains(Excel)",
            run: "click",
        },
        {
            content: "The recap has been downloaded",
            trigger: "body[data-asn-downloaded='/report/download']",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_appraisal_tour_staff_training_approved", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_my",
    steps: () => [
        openOnlyRow(),
        {
            content: "Open the training page",
            trigger: ".o_notebook .nav-link[name=training]",
            run: "click",
        },
        {
            content: "Open the request",
            trigger: ".o_field_widget[name=training_request_ids] .o_data_row:contains(Pelatihan Arsip Digital) .o_data_cell[name=program_id]",
            run: "click",
        },
        {
            content: "Approved by the appraiser and by HR",
            trigger: ".modal .o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});
