from . import report_hr_asn_appraisal_skp
from . import report_hr_asn_appraisal_evaluation
from . import report_hr_asn_unit_rating_predikat
