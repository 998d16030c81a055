"""Machine instructions per MT operation, counted by valgrind: the noise-free companion to ``run.py``.

Wall-clock numbers on a shared machine move by 2x from run to run; instruction
counts move by about 1%, so they are what to compare before and after a change
to the hot paths. Each case runs ``SMALL`` and ``LARGE`` times under
``valgrind --tool=cachegrind``; the difference divided by ``LARGE - SMALL``
removes start-up and imports. Python-heavy code runs at about 3,300-4,600
instructions per µs on the reference machine (not 7,000, as an earlier note said),
so the 30 µs MT103 target is about 100-115k instructions for parse + validation.

Run: ``python3 benchmarks/mt/instructions.py [case ...]`` (default: the three
headline cases; ``--all`` adds one case per validation layer). Needs valgrind.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from benchmarks.callgrind import child_instructions  # noqa: E402

SMALL, LARGE = 10, 110
HEADLINE = ("mt103-parse", "mt103-validate", "mt940-20-validate")
LAYERS = ("mt103-fields", "mt103-structure", "mt103-network", "mt940-20-parse")


def _case(name: str) -> Callable[[], object]:
    """The operation measured by ``name`` (the inputs of ``run.py``)."""
    sys.path.insert(0, str(REPO))
    import importlib.util

    from finmsg.mt.blocks import parse_message
    from finmsg.mt.statements import parse_statement_file
    from finmsg.mt.validate import check_network_rules, check_structure, validate_message

    spec = importlib.util.spec_from_file_location("mt_run", REPO / "benchmarks" / "mt" / "run.py")
    assert spec is not None and spec.loader is not None
    mt_run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mt_run)
    mt103, mt940 = mt_run.MT103, mt_run.mt940_text(20).encode()
    msg = parse_message(mt103).value
    cases: dict[str, Callable[[], object]] = {
        "mt103-parse": lambda: parse_message(mt103),
        "mt103-validate": lambda: validate_message(parse_message(mt103).value),
        "mt940-20-validate": lambda: [validate_message(m) for m in parse_statement_file(mt940).value],
        "mt103-fields": lambda: validate_message(msg, ("charset", "fields", "business")),
        "mt103-structure": lambda: check_structure(msg),
        "mt103-network": lambda: check_network_rules(msg),
        "mt940-20-parse": lambda: parse_statement_file(mt940),
    }
    return cases[name]


def _child(name: str, times: int) -> None:
    fn = _case(name)
    for _ in range(3):
        fn()
    gc.collect()
    gc.disable()  # a collection landing in one run but not the other would skew the difference
    for _ in range(times):
        fn()


def _count(name: str, times: int) -> int:
    return child_instructions(__file__, name, times, no_bytecode=True)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("cases", nargs="*", help=f"cases (default: {', '.join(HEADLINE)})")
    args.add_argument("--all", action="store_true", help="also count each validation layer")
    args.add_argument("--child", nargs=2, metavar=("CASE", "TIMES"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child:
        _child(opts.child[0], int(opts.child[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    chosen = opts.cases or (HEADLINE + LAYERS if opts.all else HEADLINE)
    unknown = set(chosen) - set(HEADLINE + LAYERS)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(sorted(unknown))}")
    for name in chosen:
        per_call = (_count(name, LARGE) - _count(name, SMALL)) / (LARGE - SMALL)
        print(f"  {name:22s} {per_call / 1000:9,.1f}k instructions/op", flush=True)


if __name__ == "__main__":
    main()
