from . import hr_asn_appraisal_reason_wizard
from . import hr_asn_objection_decision_wizard
from . import hr_asn_unit_rating_validate_wizard
