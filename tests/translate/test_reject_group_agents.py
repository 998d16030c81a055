"""pacs.002 → MT103 ``/REJT/`` addressed by the group header's agents.

Review finding: splitting ``pacs002-group-multi`` gave its rejected transaction a part of
its own, whose MT103 REJT path ignored ``GrpHdr/InstgAgt``/``InstdAgt`` (which address every
transaction) and failed with ``translate.routing``; the batch then quarantined the message
the base had converted. Also: a translation without any block-3 tag writes no ``{3:}``.
"""

from __future__ import annotations

import finmsg
from tests.conftest import FIXTURES


def test_rejected_transaction_takes_the_group_agents() -> None:
    data = (FIXTURES / "iso20022" / "pacs002-group-multi" / "input.xml").read_bytes()
    parts = [part.value for part in finmsg.convert_all(data, "mt")]
    rejects = [p for p in parts if b"{2:I103" in p]
    assert len(rejects) == 1
    # sender EBAPFRPPPSA and receiver BNPAFRPPXXX, both from GrpHdr
    # (LT addresses: BIC8 + terminal code + branch: A for the sender, X for the receiver)
    assert rejects[0].startswith(b"{1:F01EBAPFRPPAPSA0000000000}{2:I103BNPAFRPPXXXXN}")
    assert b"/REJT/" in rejects[0]
    assert all(b"{3:}" not in p for p in parts)
