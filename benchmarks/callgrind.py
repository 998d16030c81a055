"""Count the machine instructions of a Python command under valgrind: the shared harness of the
``benchmarks/*/instructions.py`` scripts and ``iso20022/startup.py --instructions``.

Instruction counts are repeatable whatever else the machine is doing, unlike wall-clock time, so
they are how before/after comparisons are made on a shared machine.

Two ways to get a per-call figure:

* :func:`child_instructions` counts a whole child process (cachegrind); scripts subtract a
  ``SMALL``-call run from a ``LARGE``-call run. Start-up and imports cancel out only if they cost
  exactly the same in both runs. They do not always: start-up work that is not repeatable (the
  MT103 peer builds an ``xmlschema`` schema at start-up, ≈3.5 G instructions, and four runs of it
  differed by 1.5–13 M) or a module edited by someone else between the two runs lands in the
  difference divided by ``LARGE - SMALL`` (30–250 k per call for that peer; an import that
  costs 10 M more in one run moves any case by 200 k per call).
* :func:`region_instructions` counts only the calls themselves (callgrind, collection switched on
  and off around the loop that :func:`run_counted` runs in the child), so nothing before or after
  the loop is counted at all: one run per case, no subtraction.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def instructions(args: Sequence[str], *, label: str, no_bytecode: bool = False) -> int:
    """Instructions executed by ``python <args>`` (hash seed fixed; run from the repository root).

    ``no_bytecode`` stops ``.pyc`` writes, so a module edited between two runs costs its
    compilation in both runs alike instead of only in the first.
    """
    env = dict(os.environ, PYTHONHASHSEED="0")
    if no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    tool = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    return _valgrind(tool, args, env, r"I\s+refs:\s+([\d,]+)", label)


def _valgrind(tool: Sequence[str], args: Sequence[str], env: dict[str, str], count: str, label: str) -> int:
    """Run ``python <args>`` under valgrind with ``tool`` options; the number ``count`` finds in
    valgrind's report (thousands separators dropped)."""
    command = ["valgrind", *tool, sys.executable, *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True, cwd=REPO)
    found = re.search(count, done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output for {label}")
    return int(found.group(1).replace(",", ""))


def child_instructions(script: str, name: str, times: int, *, no_bytecode: bool = True) -> int:
    """Instructions of ``script --child <name> <times>`` (the scripts' own child mode).

    ``.pyc`` writes are off by default: the scripts subtract two runs, and a module edited
    in between (or by someone else on a shared tree) must not charge its compilation to
    one of them only. Start-up measures pass ``no_bytecode=False`` to count cached imports.
    """
    return instructions([script, "--child", name, str(times)], label=name, no_bytecode=no_bytecode)


#: The C function that brackets the counted region: callgrind switches collection on when the
#: child enters ``math.fsum`` and off when it leaves. Nothing measured here calls ``math.fsum``
#: (it would switch collection off inside the region: the count would come out far too low).
_REGION = "math_fsum"


def run_counted(fn: Callable[[], object], times: int) -> None:
    """Call ``fn`` ``times`` times inside the region that :func:`region_instructions` counts.

    The calls run from a generator consumed by ``math.fsum``, the C function callgrind toggles
    collection on; the generator's own cost (≈100 instructions a call) is counted with them.
    """

    def calls() -> Iterator[float]:
        for _ in range(times):
            fn()
            yield 0.0

    math.fsum(calls())


def region_instructions(args: Sequence[str], *, label: str, hash_seed: int = 0) -> int:
    """Instructions executed inside :func:`run_counted` by ``python <args>`` (callgrind).

    Only the region is collected: start-up, imports, warm-up and exit are not counted, so the
    figure does not depend on what other modules cost to import nor on start-up work that varies
    from run to run. ``hash_seed`` is the child's ``PYTHONHASHSEED``.
    """
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed), PYTHONDONTWRITEBYTECODE="1")
    tool = [
        "--tool=callgrind",
        "--collect-atstart=no",
        f"--toggle-collect={_REGION}",
        "--callgrind-out-file=/dev/null",
    ]
    count = _valgrind(tool, args, env, r"Collected\s*:\s*(\d+)", label)
    if count == 0:
        raise RuntimeError(f"{label}: nothing collected (the child did not call run_counted)")
    return count
