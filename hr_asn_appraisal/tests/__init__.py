from . import test_rules_nip
from . import test_rules_predikat
