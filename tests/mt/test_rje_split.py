"""A broken message inside an RJE file or a run of messages never swallows its neighbour."""

from __future__ import annotations

import finmsg

_HEAD = b"{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}"
_BODY = _HEAD + b"{4:\r\n:20:%s\r\n:23B:CRED\r\n:32A:240131EUR1,00\r\n"
GOOD_1 = _BODY % b"A1" + b":71A:SHA\r\n-}"
BROKEN = _BODY % b"A2" + b":71A:SHA\r\n}"  # block 4 ends with '}' instead of CRLF-}
GOOD_3 = _BODY % b"A3" + b":71A:SHA\r\n-}"


def test_rje_with_unterminated_middle_message_is_rejected_not_merged() -> None:
    rje = GOOD_1 + b"\r\n$" + BROKEN + b"\r\n$" + GOOD_3
    # parse_all reads on past the broken member: its result has no value and names the error
    results = list(finmsg.parse_all(rje))
    assert [r.ok for r in results] == [True, False, True]
    assert [d.code for d in results[1].errors] == ["mt.block4.unterminated"]
    # detect salvages like the CLI and the batch: the broken member stays apart, with its error
    found = finmsg.detect(rje)
    assert len(found) == 3
    assert [d.code for d in found[1].diagnostics] == ["mt.block4.unterminated"]
    assert (found[0].diagnostics, found[2].diagnostics) == ((), ())


def test_loose_tolerance_keeps_all_three_messages_apart() -> None:
    from finmsg.mt.api import split_raw
    from finmsg.mt.options import ParseOptions

    rje = GOOD_1 + b"\r\n$" + BROKEN + b"\r\n$" + GOOD_3
    parts = split_raw(rje, ParseOptions(allow_loose_block4_end=True))
    references = [msg.get("20").value for msg, _, _ in parts]  # type: ignore[union-attr]
    assert references == ["A1", "A2", "A3"]


def test_back_to_back_messages_are_not_merged() -> None:
    from finmsg.mt.api import split_raw
    from finmsg.mt.options import ParseOptions

    parts = split_raw(GOOD_1 + BROKEN + GOOD_3, ParseOptions(allow_loose_block4_end=True))
    assert [msg.get("20").value for msg, _, _ in parts] == ["A1", "A2", "A3"]  # type: ignore[union-attr]
