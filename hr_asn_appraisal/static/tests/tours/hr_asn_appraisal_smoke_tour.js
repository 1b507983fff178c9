import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hr_asn_appraisal_smoke_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Performance Appraisal app",
            trigger: '.o_app[data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_appraisal_root"]',
            run: "click",
        },
        {
            content: "My SKP list is shown",
            trigger: ".o_breadcrumb:contains('My SKP')",
        },
        {
            content: "Open All SKP",
            trigger: '.o_menu_sections [data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_skp"]',
            run: "click",
        },
        {
            content: "Pick the entry in the SKP menu",
            trigger: '.dropdown-item[data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_appraisal_all"]',
            run: "click",
        },
        {
            content: "All SKP list is shown",
            trigger: ".o_breadcrumb:contains('All SKP')",
        },
        {
            content: "Open Cycles",
            trigger: '.o_menu_sections [data-menu-xmlid="hr_asn_appraisal.menu_hr_asn_appraisal_cycle"]',
            run: "click",
        },
        {
            content: "Cycle list is shown",
            trigger: ".o_breadcrumb:contains('Appraisal Cycles')",
        },
    ],
});
