"""Fresh-process cost of ``import finmsg`` + the first validated pacs.008 (target < 150 ms).

Each run starts a new interpreter that times, with ``perf_counter``, (1) ``import finmsg``
and (2) ``finmsg.validate`` of the CBPR+ pacs.008 fixture, the first message: schema
compilation, lazy imports and first-use caches included. Interpreter start-up itself is
not counted. Prints the best and the median of N runs; on a shared machine the best is
the number to compare.

``--instructions`` also counts machine instructions with valgrind (noise-free, for
before/after comparisons): the child's count minus that of a bare ``python -c pass``.

A first, unmeasured run writes the ``.pyc`` files (with ``PYTHONDONTWRITEBYTECODE``
unset): a module edited since its last compilation would otherwise be compiled again in
every measured run when that variable is set, which inflates the numbers by up to 30%.

Run: ``python3 benchmarks/iso20022/startup.py [runs=15] [--instructions]``.
For the import breakdown: ``python3 -X importtime -c "import finmsg"``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from benchmarks.callgrind import instructions  # noqa: E402

FIXTURE = REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
CHILD = f"""
import time
t0 = time.perf_counter()
import finmsg
t1 = time.perf_counter()
data = open({str(FIXTURE)!r}, "rb").read()
t2 = time.perf_counter()
result = finmsg.validate(data)
t3 = time.perf_counter()
assert result.ok, result.diagnostics
print((t1 - t0) * 1000, (t3 - t2) * 1000)
"""


def _instructions(code: str) -> int:
    return instructions(["-c", code], label="start-up")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 15
    warm_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", CHILD], capture_output=True, check=True, cwd=REPO, env=warm_env)
    imports: list[float] = []
    firsts: list[float] = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True, cwd=REPO
        )
        imported, first = (float(x) for x in done.stdout.split())
        imports.append(imported)
        firsts.append(first)
    totals = [a + b for a, b in zip(imports, firsts, strict=True)]
    print(f"fresh process, {runs} runs (ms)         best   median")
    print(f"  import finmsg                      {min(imports):7.1f} {statistics.median(imports):8.1f}")
    print(f"  first validate (pacs.008)         {min(firsts):7.1f} {statistics.median(firsts):8.1f}")
    print(f"  import + first validated message  {min(totals):7.1f} {statistics.median(totals):8.1f}")
    if "--instructions" in sys.argv:
        if shutil.which("valgrind") is None:
            sys.exit("valgrind is not installed")
        bare = _instructions("pass")
        total = _instructions(CHILD)
        print(f"  instructions above a bare interpreter: {(total - bare) / 1e6:,.0f} M")


if __name__ == "__main__":
    main()
