from . import recap_xlsx
from . import training_plan_xlsx
