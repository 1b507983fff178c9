from . import hr_asn_appraisal_reason_wizard
