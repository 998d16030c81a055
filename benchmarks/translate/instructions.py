"""Machine instructions per translation, counted by valgrind: the noise-free companion to ``run.py``.

Wall-clock numbers on a shared 2-core machine move by 2x from run to run;
instruction counts move by about 1%, so they are what to compare before and
after a change to the translation code. Each case runs ``SMALL`` and
``LARGE`` times under ``valgrind --tool=cachegrind``; the difference divided by
``LARGE - SMALL`` removes start-up and imports. Needs valgrind.

Cases (inputs are those of ``run.py``):

* ``mt103-translate`` / ``pacs008-translate``: the translation step alone
  (model in, model out), the part ``finmsg/translate`` owns;
* ``mt103-translate-cold``: the same with every translation cache emptied before
  each call (parties, agents and addresses never seen before; see ``finmsg.translate.memo``);
* ``mt103-pipeline``: read FIN + translate + write XML + XSD validation, the
  issue's MT103 → pacs.008.001.08 measure;
* ``pacs008-pipeline``: read XML + translate + write FIN;
* ``peer-mt103-pipeline``: the same MT103 through the Python peer pipeline
  (``pacs008-loader-mt103`` + ``pacs008``, output XSD-validated); with
  ``mt103-pipeline`` in the same run it prints the instruction ratio, the
  noise-free view of the issue's "≥ 5× the peer" target.

Run: ``python3 benchmarks/translate/instructions.py [case ...]`` (default: all cases).
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

SMALL, LARGE = 10, 60
CASES = (
    "mt103-translate",
    "mt103-translate-cold",
    "pacs008-translate",
    "mt103-pipeline",
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
    args.add_argument("cases", nargs="*", help=f"cases to count (default: all of {', '.join(CASES)})")
    args.add_argument("--child", nargs=2, metavar=("CASE", "TIMES"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child:
        _child(opts.child[0], int(opts.child[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    unknown = set(opts.cases) - set(CASES)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(sorted(unknown))}")
    counted: dict[str, float] = {}
    for name in opts.cases or CASES:
        per_call = (_count(name, LARGE) - _count(name, SMALL)) / (LARGE - SMALL)
        counted[name] = per_call
        print(f"  {name:20s} {per_call / 1000:9,.0f}k instructions/op", flush=True)
    ours, peer = counted.get("mt103-pipeline"), counted.get("peer-mt103-pipeline")
    if ours and peer:
        print(f"  peer / finmsg, MT103 -> pacs.008.001.08 + XSD: {peer / ours:.2f}x fewer instructions")


if __name__ == "__main__":
    main()
