from . import test_rules_nip
from . import test_rules_predikat
from . import test_employee
from . import test_generation
from . import test_workflow
from . import test_access
from . import test_predikat
from . import test_tour
