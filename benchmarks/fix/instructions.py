"""Machine instructions per FIX message, counted by valgrind: the noise-free companion to ``run.py``.

Wall-clock rates on the shared 2-core machine move by 2x between runs; instruction
counts move by about 1%, so they are what to compare before and after a change.
Each case warms up, then handles ``COUNT`` messages inside
:func:`~benchmarks.callgrind.run_counted`, and only those calls are counted (callgrind): start-up,
imports and warm-up are not in the figure at all. ``--subtract`` keeps the former method (a
``SMALL``-message run subtracted from a ``LARGE``-message one under cachegrind), which charges
any start-up work that differs between the two runs to the messages.

Run: ``python3 benchmarks/fix/instructions.py [case ...] [--subtract]`` (default: all cases).
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
from benchmarks.callgrind import child_instructions, region_instructions, run_counted  # noqa: E402

SMALL, LARGE = 200, 1200
#: Messages handled inside the counted region (one call of the case over this many messages).
COUNT = 400
CASES = ("tokenize", "tokenize-log", "validate", "validate-full", "read")


def _case(name: str, count: int) -> Callable[[], object]:
    """The operation ``name`` over ``count`` messages (the inputs of ``run.py``)."""
    sys.path.insert(0, str(REPO))
    from benchmarks.fix.inputs import messages
    from finmsg.fix import dictionary, shapes
    from finmsg.fix.options import FixOptions, parse_document
    from finmsg.fix.reader import document_to_model
    from finmsg.fix.tagvalue import SOH, iter_frames, parse_frame

    msgs = messages(LARGE)[:count]  # generated alike for both counts: only the work differs
    log = b"\n".join(msgs) + b"\n"
    data_fields = dictionary.load("FIX44").data_fields
    opts = FixOptions()
    shapes.ENABLED = name != "validate-full"

    def read() -> None:
        for m in msgs:
            doc = parse_document(m, opts).value
            assert doc is not None
            document_to_model(doc)

    return {
        "tokenize": lambda: [parse_frame(m, delimiter=SOH, data_fields=data_fields) for m in msgs],
        "tokenize-log": lambda: [
            parse_frame(f.data, delimiter=SOH, data_fields=data_fields)
            for f in iter_frames(log, delimiter=SOH)
        ],
        "validate": lambda: [parse_document(m, opts) for m in msgs],
        "validate-full": lambda: [parse_document(m, opts) for m in msgs],
        "read": read,
    }[name]


def _child(name: str, count: int, region: bool = False) -> None:
    warm = _case(name, 20)
    for _ in range(8 if region else 1):  # by the 8th call every function is quickened
        warm()
    fn = _case(name, count)
    gc.collect()
    gc.disable()  # a collection landing in one run but not the other would skew the difference
    if region:
        run_counted(fn, 1)
        return
    fn()


def _per_msg(name: str, subtract: bool) -> float:
    """Instructions per message of case ``name``."""
    if subtract:
        large = child_instructions(__file__, name, LARGE)
        return (large - child_instructions(__file__, name, SMALL)) / (LARGE - SMALL)
    args = [__file__, "--child-region", name, str(COUNT)]
    return region_instructions(args, label=name) / COUNT


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("cases", nargs="*", help=f"cases to count (default: all of {', '.join(CASES)})")
    args.add_argument("--subtract", action="store_true", help="former method: two runs subtracted")
    args.add_argument("--child", nargs=2, metavar=("CASE", "COUNT"), help=argparse.SUPPRESS)
    args.add_argument("--child-region", nargs=2, metavar=("CASE", "COUNT"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child or opts.child_region:
        name, count = opts.child or opts.child_region
        _child(name, int(count), region=bool(opts.child_region))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    unknown = set(opts.cases) - set(CASES)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(sorted(unknown))}")
    for name in opts.cases or CASES:
        per_msg = _per_msg(name, opts.subtract)
        print(f"  {name:14s} {per_msg / 1000:8.1f}k instructions/msg", flush=True)


if __name__ == "__main__":
    main()
