"""Sweep findings in finmsg/batch (owned by another helper): reproductions, strict xfail.

1. ``finmsg convert -o allow_loose_block4_end=true``: the batch cuts inputs into messages
   with no options (``finmsg/batch/splitting.py`` calls ``handler.split(data, {})``), so an
   MT tolerance (or a FIX ``delimiter``) that acts while cutting is ignored and the message
   is quarantined with the very error that names the option. ``validate``/``detect``/
   ``inspect`` now pass ``-o`` to the split step.
2. ``finmsg convert -o allow_lf=maybe``: an option value no reader can use is a usage
   error (exit 2, one line, nothing written) for ``validate``; the batch instead
   quarantines every message with ``option.invalid`` and exits 1.
"""

from __future__ import annotations

import json
from pathlib import Path

from finmsg.cli import main

HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I199BANKDEFFXXXXN}"
NO_END = (HEAD + "{4:\r\n:20:REF1\r\n:79:HELLO\r\n}").encode()
GOOD = (HEAD + "{4:\r\n:20:REF1\r\n:79:HELLO\r\n-}").encode()


def test_convert_applies_reader_options_when_cutting(tmp_path: Path) -> None:
    src = tmp_path / "damaged.fin"
    src.write_bytes(NO_END)
    ledger = tmp_path / "ledger.json"
    options = ["-o", "allow_loose_block4_end=true", "--jobs", "1", "--progress", "none"]
    code = main(
        [
            "convert",
            str(src),
            "--to",
            "json",
            "--out",
            str(tmp_path / "out"),
            "--ledger",
            str(ledger),
            *options,
        ]
    )
    counts = json.loads(ledger.read_text())
    assert (code, counts["converted"], counts["quarantined"]) == (0, 1, 0)


def test_convert_with_unusable_option_value_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "good.fin"
    src.write_bytes(GOOD)
    options = ["-o", "allow_lf=maybe", "--jobs", "1", "--progress", "none"]
    code = main(["convert", str(src), "--to", "json", "--out", str(tmp_path / "out"), *options])
    assert code == 2
