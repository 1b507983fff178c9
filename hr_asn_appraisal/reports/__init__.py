from . import report_hr_asn_appraisal_skp
from . import report_hr_asn_appraisal_evaluation
from . import report_hr_asn_unit_rating_predikat
from . import recap_xlsx
from . import training_plan_xlsx
from . import report_hr_asn_checkin_evaluation
from . import report_hr_asn_credit_statement
