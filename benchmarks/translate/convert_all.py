"""What the batch pays for one-MT-per-item: ``convert_all`` vs ``convert`` on one-item messages.

The batch now writes MT targets through :func:`finmsg.convert_all`, which asks
:func:`finmsg.translate.split.split_if_needed` whether the message needs splitting. For a one-item
message (the usual case) that must cost next to nothing. Instruction counts (valgrind), per call,
of a parsed model written as MT:

    python3 benchmarks/translate/convert_all.py            # needs valgrind

Each figure is (run of 60 calls - run of 10 calls) / 50, so start-up and imports cancel out; the
split check alone is measured over 100x as many calls.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

INPUT = REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"


def _child(name: str, times: int) -> None:
    from finmsg import convert, convert_all, parse

    model = parse(INPUT.read_bytes()).value
    if name == "split":  # the split check alone, 100 calls per unit (it is small)
        from finmsg.translate.split import split_if_needed

        for _ in range(times * 100):
            split_if_needed(model)
        return
    call = convert if name == "convert" else convert_all
    for _ in range(times):
        call(model, "mt103")


def main() -> None:
    from benchmarks.callgrind import child_instructions

    script = str(Path(__file__).resolve())
    per_call = {}
    for name in ("convert", "convert_all"):
        low = child_instructions(script, name, 10)
        high = child_instructions(script, name, 60)
        per_call[name] = (high - low) / 50
        print(f"{name:12} {per_call[name]:>12,.0f} instructions per one-item pacs.008 -> MT103")
    extra = per_call["convert_all"] - per_call["convert"]
    print(f"convert_all - convert: {extra:+,.0f} ({extra / per_call['convert']:+.2%})")
    split = (child_instructions(script, "split", 60) - child_instructions(script, "split", 10)) / 5000
    print(f"split_if_needed alone: {split:,.0f} instructions per one-item message")
    print("(the two full conversions are noisy on a shared tree: a module another helper edits")
    print(" between the 10- and 60-call runs skews one of them; the split figure is the stable one)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
