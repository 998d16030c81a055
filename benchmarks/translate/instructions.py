"""Machine instructions per translation, counted by valgrind: the noise-free companion to ``run.py``.

Wall-clock numbers on a shared 2-core machine move by 2x from run to run;
instruction counts do not, so they are what to compare before and after a
change to the translation code. Needs valgrind.

How (:mod:`benchmarks.callgrind`): each case runs in a child that warms up
(3 calls), collects and disables the garbage collector, makes ``WARM - 3`` more
calls (so the interpreter's one-off specialisation of each function is done),
then makes ``COUNTED`` calls inside :func:`~benchmarks.callgrind.run_counted`;
callgrind collects only those calls, so imports and start-up are not counted at
all. ``--seeds K`` runs every case under ``PYTHONHASHSEED`` 0..K-1 and prints the
median with the range.

``--subtract`` is the former method (cachegrind, a ``SMALL``-call run subtracted
from a ``LARGE``-call run). Its figure for the peer moved by up to ±6% from run to
run: the peer builds an ``xmlschema`` schema at start-up (≈3.5 G instructions) and
two start-ups differ by millions of instructions, which the subtraction divides by
50 and charges to the calls. A module edited by someone else between the two runs
does the same to any case.

Cases (inputs are those of ``run.py``):

* ``mt103-translate`` / ``pacs008-translate``: the translation step alone
  (model in, model out), the part ``finmsg/translate`` owns;
* ``mt103-translate-cold``: the same with every translation cache emptied before
  each call (parties, agents and addresses never seen before; see ``finmsg.translate.memo``);
* ``mt103-pipeline``: read FIN + translate + write XML + XSD validation, the
  issue's MT103 → pacs.008.001.08 measure; ``mt103-read``, ``mt103-write`` and
  ``mt103-validate`` are its other three steps alone (with ``mt103-translate``
  they add up to it), to see which step a change moved;
* ``pacs008-pipeline``: read XML + translate + write FIN;
* ``peer-mt103-pipeline``: the same MT103 through the Python peer pipeline
  (``pacs008-loader-mt103`` + ``pacs008``, output XSD-validated); with
  ``mt103-pipeline`` in the same run it prints the instruction ratio, the
  noise-free view of the issue's "≥ 5× the peer" target.

Run: ``python3 benchmarks/translate/instructions.py [case ...] [--seeds K] [--subtract]``
(default: all cases, hash seed 0).
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
import statistics  # noqa: E402

from benchmarks.callgrind import child_instructions, region_instructions, run_counted  # noqa: E402

SMALL, LARGE = 10, 60
#: Calls counted per case by the region method (calls 6-20 and calls 6-60 of ``mt103-pipeline``
#: cost the same per call within 0.2%).
COUNTED = 20
#: Calls before the counted ones (region method). With 3 warm-up calls the first counted calls of
#: ``mt103-pipeline`` cost ≈0.8 M instructions more in all (40 k a call at 20 calls); Python 3.11
#: specialises ("quickens") a function's code on its 8th call, which the profile of those calls
#: shows (``_PyCode_Quicken``). After 10 calls every function called once a call is past that.
WARM = 10
CASES = (
    "mt103-translate",
    "mt103-translate-cold",
    "pacs008-translate",
    "mt103-pipeline",
    "mt103-read",
    "mt103-write",
    "mt103-validate",
    "pacs008-pipeline",
    "peer-mt103-pipeline",
)


def _case(name: str) -> Callable[[], object]:
    sys.path.insert(0, str(REPO))
    from benchmarks.translate.run import (
        MT103,
        PACS008,
        finmsg_mt103_to_pacs008,
        finmsg_pacs008_to_mt103,
        peer_mt103_to_pacs008,
    )
    from finmsg.iso20022.document import read_iso
    from finmsg.mt.api import read_one
    from finmsg.testing.translate import FIXED_NOW
    from finmsg.translate import translate

    if name == "mt103-pipeline":
        return finmsg_mt103_to_pacs008(MT103.read_bytes())
    if name == "peer-mt103-pipeline":  # the same input through pacs008-loader-mt103 + pacs008
        peer = peer_mt103_to_pacs008(MT103.read_bytes())
        if peer is None:
            sys.exit("the peer pipeline (pacs008-loader-mt103, pacs008) is not installed")
        return peer
    if name in ("mt103-read", "mt103-write", "mt103-validate"):
        return _mt103_step(name)
    if name == "pacs008-pipeline":
        return finmsg_pacs008_to_mt103(PACS008.read_bytes())
    if name.startswith("mt103-translate"):
        mt = read_one(MT103.read_bytes()).value
        if name.endswith("-cold"):  # every party, agent and address seen for the first time
            from finmsg.translate import memo

            def cold() -> object:
                memo.clear_caches()  # parties, agents, BIC agents and addresses (finmsg.translate.memo)
                return translate(mt, "pacs.008.001.08", now=FIXED_NOW)

            return cold
        return lambda: translate(mt, "pacs.008.001.08", now=FIXED_NOW)
    mx = read_iso(PACS008.read_bytes(), {}).value
    return lambda: translate(mx, "mt", now=FIXED_NOW)


def _mt103_step(name: str) -> Callable[[], object]:
    """One step of ``mt103-pipeline`` alone, fed with the previous steps' output."""
    from benchmarks.translate.run import MT103
    from finmsg.iso20022.document import write_iso
    from finmsg.iso20022.schemas import validate_output
    from finmsg.mt.api import read_one
    from finmsg.testing.translate import FIXED_NOW
    from finmsg.translate import translate

    data = MT103.read_bytes()
    if name == "mt103-read":
        return lambda: read_one(data)
    model = translate(read_one(data).value, "pacs.008.001.08", now=FIXED_NOW).value
    if name == "mt103-write":
        return lambda: write_iso(model, "pacs.008.001.08", {})
    xml = write_iso(model, "pacs.008.001.08", {}).value
    return lambda: validate_output(xml, "pacs.008.001.08", "head.001.001.02")


def _child(name: str, times: int, region: bool = False) -> None:
    fn = _case(name)
    for _ in range(3):
        fn()
    gc.collect()
    gc.disable()  # a collection landing in one run but not the other would skew the figure
    if region:
        for _ in range(WARM - 3):  # every function called once a call is quickened by now
            fn()
        run_counted(fn, times)
        return
    for _ in range(times):
        fn()


def _count(name: str, times: int) -> int:
    return child_instructions(__file__, name, times, no_bytecode=True)


def _per_call(name: str, subtract: bool, seed: int) -> float:
    """Instructions per call of case ``name`` (``seed``: the child's hash seed; region method only)."""
    if subtract:
        return (_count(name, LARGE) - _count(name, SMALL)) / (LARGE - SMALL)
    args = [__file__, "--child-region", name, str(COUNTED)]
    return region_instructions(args, label=name, hash_seed=seed) / COUNTED


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("cases", nargs="*", help=f"cases to count (default: all of {', '.join(CASES)})")
    args.add_argument("--seeds", type=int, default=1, metavar="K", help="hash seeds 0..K-1, median and range")
    args.add_argument("--subtract", action="store_true", help="former method: a 60-call minus a 10-call run")
    args.add_argument("--child", nargs=2, metavar=("CASE", "TIMES"), help=argparse.SUPPRESS)
    args.add_argument("--child-region", nargs=2, metavar=("CASE", "TIMES"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child or opts.child_region:
        name, times = opts.child or opts.child_region
        _child(name, int(times), region=bool(opts.child_region))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    unknown = set(opts.cases) - set(CASES)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(sorted(unknown))}")
    seeds = range(1 if opts.subtract else max(opts.seeds, 1))
    counted: dict[str, float] = {}
    for name in opts.cases or CASES:
        runs = [_per_call(name, opts.subtract, seed) for seed in seeds]
        per_call = counted[name] = statistics.median(runs)
        spread = (
            f"  (seeds 0-{len(runs) - 1}: {min(runs) / 1000:,.1f}k-{max(runs) / 1000:,.1f}k)"
            if len(runs) > 1
            else ""
        )
        print(f"  {name:20s} {per_call / 1000:9,.0f}k instructions/op{spread}", flush=True)
    ours, peer = counted.get("mt103-pipeline"), counted.get("peer-mt103-pipeline")
    if ours and peer:
        print(f"  peer / finmsg, MT103 -> pacs.008.001.08 + XSD: {peer / ours:.2f}x fewer instructions")


if __name__ == "__main__":
    main()
