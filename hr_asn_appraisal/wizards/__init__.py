from . import hr_asn_appraisal_reason_wizard
from . import hr_asn_checkin_return_wizard
