"""Split the addon's Odoo test classes into shards for ``./dev.sh test``.

Usage: ``python shard_tags.py TESTS_DIR ADDON SHARDS INDEX`` prints the
``--test-tags`` of shard INDEX (0-based): ``/ADDON:ClassA,/ADDON:ClassB,...``.

Every class defined in a ``test_*.py`` file of TESTS_DIR goes to exactly one
shard; the files are balanced by size (a fair proxy of their run time) and a
class name defined in several files stays in one shard, so no test runs twice
and none is left out. Plain Python: run before Odoo starts.
"""

import re
import sys
from pathlib import Path

CLASS = re.compile(r"^class (\w+)\(", re.MULTILINE)


def shards(tests_dir, count):
    files = sorted(Path(tests_dir).glob("test_*.py"))
    weighted = sorted(
        ((path.stat().st_size, path) for path in files), key=lambda item: -item[0]
    )
    loads = [0] * count
    owner = {}
    for size, path in weighted:
        names = CLASS.findall(path.read_text(encoding="utf-8"))
        taken = {owner[name] for name in names if name in owner}
        index = taken.pop() if taken else loads.index(min(loads))
        loads[index] += size
        for name in names:
            owner.setdefault(name, index)
    return [sorted(n for n, i in owner.items() if i == shard) for shard in range(count)]


def main():
    tests_dir, addon, count, index = sys.argv[1:5]
    names = shards(tests_dir, int(count))[int(index)]
    print(",".join(f"/{addon}:{name}" for name in names))


if __name__ == "__main__":
    main()
