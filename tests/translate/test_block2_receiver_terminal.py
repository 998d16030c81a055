"""The receiver's address in a written input block 2 carries the logical terminal code ``X``.

FIN: an input message names its receiver as a 12-character address whose terminal code is ``X``
(the network puts the receiver's own terminal in on delivery); the sender's block 1 address keeps
a real terminal code (``A``). finmsg wrote ``A`` in both.
"""

from __future__ import annotations

from pathlib import Path

import finmsg
from finmsg.mt.headers import lt_address

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_lt_address() -> None:
    assert lt_address("BANKDEFF") == "BANKDEFFAXXX"
    assert lt_address("BANKDEFF123", "X") == "BANKDEFFX123"


def test_mx_to_mt_block_2_receiver_has_terminal_x() -> None:
    data = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    mt = finmsg.convert(data, "mt103").value
    assert isinstance(mt, bytes)
    block1 = mt[mt.index(b"{1:") + 3 : mt.index(b"}")]
    block2 = mt[mt.index(b"{2:") + 3 : mt.index(b"}", mt.index(b"{2:"))]
    assert block1[3:15][8:9] == b"A"  # F01 + sender LT address
    assert block2[:4] == b"I103" and block2[4:16][8:9] == b"X"
