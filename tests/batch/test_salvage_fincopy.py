"""The salvage cut never splits a message at a ``{1:`` inside its own block 4 (MT 096 FINCopy)."""

from __future__ import annotations

import finmsg
from finmsg.batch.splitting import inside_open_block4

COPY = (
    b"{1:F01BANKBEBBAXXX0000000000}{2:I096BANKDEFFXXXXN}"
    b"{4:{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:X1\r\n-}}"
)
#: Broken (block 4 ends with ``}``, not CRLF-}): the whole input fails to split, so the salvage cuts it.
BROKEN = b"{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:N2\r\n:23B:CRED\r\n}"


def test_a_copied_message_in_block_4_stays_inside_its_message() -> None:
    found = finmsg.detect(COPY + BROKEN)
    assert [m.message_type for m in found] == ["096", "103"]
    assert found[0].data == COPY and found[0].diagnostics == ()
    assert found[1].data == BROKEN and [d.code for d in found[1].diagnostics] == ["mt.block4.unterminated"]


def test_the_open_block_4_rule() -> None:
    assert inside_open_block4(b"{1:F01X}{2:I096X}{4:")
    assert not inside_open_block4(b"{1:F01X}{2:I096X}{4:\r\n:20:A\r\n-}")
    assert not inside_open_block4(b"{1:F01X}{2:I103X}")
