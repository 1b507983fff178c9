import { registry } from "@web/core/registry";

// A staff member on a phone (390x844): Log Today in three taps from the app
// list (the app, the menu, Log Today), the entry on the My Daily Log cards,
// then the period's check-in filled from the daily log and submitted.
// Triggers rely on xml ids and field/button names, not on labels.

function openMenu(xmlid, content) {
    return [
        {
            content: "Open the app's menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content,
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid="${xmlid}"]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("hr_asn_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The phone layout is used",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Show all the apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        // tap 1: the app
        {
            content: "Open the Performance Appraisal app",
            trigger: '.o_app_menu_sidebar li.o_app[data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_appraisal_root"]',
            run: "click",
        },
        {
            content: "My SKP opens as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('SKP Tur Ponsel') .o_field_widget[name=state]",
        },
        // taps 2 and 3: the menu, Log Today
        ...openMenu("hr_asn_appraisal.menu_hr_asn_work_log_today", "Log Today"),
        {
            content: "Today's date and the approved SKP are filled in",
            trigger: ".modal .o_form_view .o_field_widget[name=appraisal_id]:not(.o_field_empty)",
        },
        {
            content: "Choose the RHK of the SKP",
            trigger: ".modal .o_field_widget[name=rhk_id] select",
            run: "selectByLabel Terkelolanya",
        },
        {
            content: "Say what was done",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Memutakhirkan data pegawai mutasi",
        },
        {
            content: "Output",
            trigger: ".modal .o_field_widget[name=output_qty] input",
            run: "edit 12",
        },
        {
            content: "Unit",
            trigger: ".modal .o_field_widget[name=output_unit] input",
            run: "edit Data",
        },
        {
            content: "Log it",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The form is closed",
            trigger: "body:not(:has(.modal))",
        },
        ...openMenu("hr_asn_appraisal.menu_hr_asn_work_log_my", "Open My Daily Log"),
        {
            content: "Today's entry is on a card: RHK, output as one value, state",
            trigger: ".o_kanban_view .o_kanban_record:contains('Memutakhirkan data pegawai mutasi'):contains('Terkelolanya'):contains('12 Data') .o_field_widget[name=state]",
        },
        ...openMenu("hr_asn_appraisal.menu_hr_asn_checkin", "Open the check-ins"),
        {
            content: "Open the period's check-in card",
            trigger: ".o_kanban_view .o_kanban_record:contains('Triwulan I')",
            run: "click",
        },
        // On a phone the form's header buttons are in its actions menu (the cog).
        {
            content: "Open the check-in's actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Take the realisasi from the daily log",
            trigger: ".dropdown-menu button[name=action_apply_worklog]",
            run: "click",
        },
        {
            content: "The realisasi is filled",
            trigger: ".o_field_widget[name=iki_ids] .o_data_row [name=realisation_value]:contains('12')",
        },
        {
            content: "Open the check-in's actions again",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Submit the check-in",
            trigger: ".dropdown-menu button[name=action_submit]",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
        },
    ],
});
