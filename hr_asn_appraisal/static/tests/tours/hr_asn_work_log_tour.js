import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_asn_work_log_staff_tour", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_work_log_action_my",
    steps: () => [
        {
            content: "Add an entry for today",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the RHK",
            trigger: ".o_data_row.o_selected_row td[name='rhk_id'] input",
            run: "edit Terkelolanya",
        },
        {
            content: "Pick the RHK of the SKP",
            trigger: ".o-autocomplete--dropdown-item:contains('Terkelolanya')",
            run: "click",
        },
        {
            content: "Say what was done",
            trigger: ".o_data_row.o_selected_row td[name='name'] input",
            run: "edit Memutakhirkan data pegawai mutasi",
        },
        {
            content: "Output",
            trigger: ".o_data_row.o_selected_row td[name='output_qty'] input",
            run: "edit 12",
        },
        {
            content: "Unit",
            trigger: ".o_data_row.o_selected_row td[name='output_unit'] input",
            run: "edit Data",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The entry is logged",
            trigger: ".o_data_row:not(.o_selected_row) td[name='state']:contains('Logged')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_asn_work_log_appraiser_tour", {
    url: "/odoo/action-hr_asn_appraisal.hr_asn_work_log_action_team",
    steps: () => [
        {
            content: "Open today's entries",
            trigger: ".o_group_header:contains('1')",
            run: "click",
        },
        {
            content: "Select the staff's entry",
            trigger: ".o_data_row:contains('Memutakhirkan data pegawai mutasi') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Acknowledge the selection",
            trigger: "button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "Nothing left to acknowledge",
            trigger: ".o_view_nocontent",
        },
    ],
});
