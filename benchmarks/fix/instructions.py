"""Machine instructions per FIX message, counted by valgrind: the noise-free companion to ``run.py``.

Wall-clock rates on the shared 2-core machine move by 2x between runs; instruction
counts move by about 1%, so they are what to compare before and after a change.
Each case handles ``SMALL`` and ``LARGE`` batches of messages under
``valgrind --tool=cachegrind``; the difference divided by the message count
removes start-up and imports.

Run: ``python3 benchmarks/fix/instructions.py [case ...]`` (default: all cases).
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

SMALL, LARGE = 200, 1200
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


def _child(name: str, count: int) -> None:
    warm = _case(name, 20)
    warm()
    fn = _case(name, count)
    gc.collect()
    gc.disable()  # a collection landing in one run but not the other would skew the difference
    fn()


def _count(name: str, count: int) -> int:
    return child_instructions(__file__, name, count)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("cases", nargs="*", help=f"cases to count (default: all of {', '.join(CASES)})")
    args.add_argument("--child", nargs=2, metavar=("CASE", "COUNT"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child:
        _child(opts.child[0], int(opts.child[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    unknown = set(opts.cases) - set(CASES)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(sorted(unknown))}")
    for name in opts.cases or CASES:
        per_msg = (_count(name, LARGE) - _count(name, SMALL)) / (LARGE - SMALL)
        print(f"  {name:14s} {per_msg / 1000:8.1f}k instructions/msg", flush=True)


if __name__ == "__main__":
    main()
