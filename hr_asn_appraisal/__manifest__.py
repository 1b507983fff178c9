{
    "name": "ASN Performance Appraisal (SKP)",
    "summary": "Performance management of Indonesian civil servants (PNS/PPPK) "
    "under PermenPANRB 6/2022: SKP, BerAKHLAK, predikat kinerja",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Appraisals",
    "website": "https://github.com/hr-asn/hr_asn_appraisal",
    "author": "hr_asn_appraisal developers",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail"],
    "data": [
        "security/hr_asn_appraisal_groups.xml",
        "security/ir.model.access.csv",
        "security/hr_asn_appraisal_rules.xml",
        "data/hr_asn_rank_data.xml",
        "data/hr_asn_behavior_value_data.xml",
        "data/mail_activity_type_data.xml",
        "wizards/hr_asn_appraisal_reason_wizard_views.xml",
        "views/hr_asn_rank_views.xml",
        "views/hr_asn_behavior_value_views.xml",
        "views/hr_asn_appraisal_views.xml",
        "views/hr_asn_appraisal_cycle_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_asn_appraisal_menus.xml",
    ],
    "demo": [
        "demo/hr_asn_appraisal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_asn_appraisal/static/tests/tours/*.js",
        ],
    },
}
