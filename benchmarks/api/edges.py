"""Instruction counts of the amount formatters and one-message parse calls, for two trees (before / after).

Usage: ``python3 benchmarks/api/edges.py BEFORE_ROOT AFTER_ROOT [CASE...]`` where each
root is a copy of the repository (``git worktree add /tmp/base c89f457`` for before; a
``cp -r`` of it with the changed files copied in for after). Each case runs in a child under
callgrind, counting only the measured calls (:func:`benchmarks.callgrind.region_instructions`),
and prints instructions per call and the after/before ratio.

Cases: ``format_decimal`` (the ISO 20022 amount formatter, a usual amount), ``decimal_to_mt``,
``fix_write`` (a NewOrderSingle), ``parse_iso`` (finmsg.parse of the pacs.008 fixture: the
one-message call's new checks), ``parse_mt`` (finmsg.parse of an MT103).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
CASES = {"format_decimal": 5000, "decimal_to_mt": 5000, "fix_write": 200, "parse_iso": 40, "parse_mt": 100}


def _child(root: str, case: str, times: int) -> None:
    sys.path.insert(0, root)
    sys.path.insert(1, str(REPO))  # the harness
    from decimal import Decimal

    import finmsg
    from benchmarks.callgrind import run_counted

    assert finmsg.__file__ is not None and finmsg.__file__.startswith(root), finmsg.__file__
    fixtures = Path(root) / "fixtures"
    call: object
    if case == "format_decimal":
        from finmsg.iso20022.writing import format_decimal

        amount = Decimal("12500.50")
        call = lambda: format_decimal(amount)  # noqa: E731
    elif case == "decimal_to_mt":
        from finmsg.translate.mtvalues import decimal_to_mt

        amount = Decimal("12500.50")
        call = lambda: decimal_to_mt(amount)  # noqa: E731
    elif case == "fix_write":
        log = (fixtures / "fix/session_log/input.log").read_bytes()
        order = finmsg.parse(finmsg.detect(log)[0].data).value
        call = lambda: finmsg.write(order, "fix")  # noqa: E731
    elif case == "parse_iso":
        data = (fixtures / "iso20022/pacs008-cbpr-structured/input.xml").read_bytes()
        call = lambda: finmsg.parse(data)  # noqa: E731
    else:
        data = (fixtures / "mt/mt103_basic/input.fin").read_bytes()
        call = lambda: finmsg.parse(data)  # noqa: E731
    for _ in range(20):  # warm-up: lazy imports, caches
        call()  # type: ignore[operator]
    # Objects made at import time (declarations, functions) move to the permanent generation: a
    # full collection in the region would otherwise scan them, and a tree that merely defines a
    # few more objects would look a few hundred instructions a call slower.
    gc.collect()
    gc.freeze()
    run_counted(call, times)  # type: ignore[arg-type]


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        _child(argv[1], argv[2], int(argv[3]))
        return
    sys.path.insert(0, str(REPO))
    from benchmarks.callgrind import region_instructions

    before, after, *names = argv
    for case in names or list(CASES):
        times = CASES[case]
        counts = [
            region_instructions([str(HERE), "--child", root, case, str(times)], label=f"{case} {root}")
            / times
            for root in (before, after)
        ]
        print(
            f"{case:16} before {counts[0]:10.0f}  after {counts[1]:10.0f}  ratio {counts[1] / counts[0]:.4f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
