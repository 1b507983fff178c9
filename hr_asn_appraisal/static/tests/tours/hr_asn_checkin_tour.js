import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hr_asn_checkin_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Performance Appraisal app",
            trigger: '.o_app[data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_appraisal_root"]',
            run: "click",
        },
        {
            content: "Open Check-ins",
            trigger: '.o_menu_sections [data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_skp"]',
            run: "click",
        },
        {
            content: "Pick the entry in the SKP menu",
            trigger: '.dropdown-item[data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_checkin"]',
            run: "click",
        },
        {
            content: "Open the Triwulan I check-in",
            trigger: ".o_data_row td[name='period_name']:contains('Triwulan I')",
            run: "click",
        },
        {
            content: "Edit the realisasi of the IKI",
            trigger: ".o_field_widget[name='iki_ids'] .o_data_row td[name='realisation_text']",
            run: "click",
        },
        {
            content: "Type the realisasi",
            trigger: ".o_field_widget[name='iki_ids'] .o_data_row td[name='realisation_text'] textarea",
            run: "edit 25 data pegawai dimutakhirkan",
        },
        {
            content: "Open the Bukti Dukung tab",
            trigger: ".o_notebook .nav-link[name='bukti_dukung']",
            run: "click",
        },
        {
            content: "Add a bukti dukung",
            trigger: ".o_field_widget[name='evidence_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='evidence_ids'] .o_data_row td[name='name'] input",
            run: "edit Laporan pemutakhiran",
        },
        {
            content: "Give its link",
            trigger: ".o_field_widget[name='evidence_ids'] .o_data_row td[name='url'] input",
            run: "edit https://drive.example.go.id/laporan",
        },
        {
            content: "Choose its RHK",
            trigger: ".o_field_widget[name='evidence_ids'] .o_data_row td[name='checkin_rhk_id'] input",
            run: "edit Terkelolanya",
        },
        {
            content: "Pick the RHK",
            trigger: ".o-autocomplete--dropdown-item:contains('Terkelolanya')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Submit",
            trigger: "button[name='action_submit']",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Submitted')",
        },
    ],
});
