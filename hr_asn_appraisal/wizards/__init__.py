from . import hr_asn_appraisal_reason_wizard
from . import hr_asn_objection_decision_wizard
from . import hr_asn_unit_rating_validate_wizard
from . import hr_asn_training_request_wizard
from . import hr_asn_training_request_wizard_line
from . import hr_asn_training_request_reason_wizard
from . import hr_asn_checkin_return_wizard
from . import hr_asn_work_log_correction_wizard
