"""Count the machine instructions of a Python command under valgrind: the shared harness of the
``benchmarks/*/instructions.py`` scripts and ``iso20022/startup.py --instructions``.

Instruction counts are repeatable whatever else the machine is doing, unlike wall-clock time, so
they are how before/after comparisons are made on a shared machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
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
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True, cwd=REPO)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
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
