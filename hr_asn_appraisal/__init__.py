from . import models
from . import wizards
from . import reports
from .models.hr_asn_reference_guard_mixin import guard_every_model

# Last, once every model and wizard class exists: see the function.
guard_every_model()
