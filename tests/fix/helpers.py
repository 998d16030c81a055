"""Building FIX test messages by the standard's own arithmetic (independent of finmsg's code).

BodyLength = bytes after the ``9=..<SOH>`` field up to and including the SOH before ``10=``;
CheckSum = sum of all bytes before ``10=`` modulo 256, three digits.
"""

from __future__ import annotations


def fix(
    body: str, begin: str = "FIX.4.4", *, length: int | None = None, checksum: str | None = None
) -> bytes:
    """``body`` is ``35=...|...|`` with ``|`` for SOH; returns the wire message."""
    payload = body.replace("|", "\x01").encode("utf-8")
    head = f"8={begin}\x019={len(payload) if length is None else length}\x01".encode()
    msg = head + payload
    total = f"{sum(msg) % 256:03d}" if checksum is None else checksum
    return msg + f"10={total}\x01".encode()


HDR = "49=BUY|56=SELL|34=2|52=20240102-10:11:12.123|"


def order_body(extra: str = "", header: str = HDR) -> str:
    """The ``35=D|...`` text of a valid FIX 4.4 NewOrderSingle, ``extra`` appended."""
    return f"35=D|{header}11=ORD1|21=1|55=VOD|54=1|60=20240102-10:11:12|38=100|40=2|44=10.5|{extra}"


def order(extra: str = "", *, header: str = HDR, begin: str = "FIX.4.4") -> bytes:
    """A valid FIX 4.4 NewOrderSingle, with ``extra`` fields appended to the body."""
    return fix(order_body(extra, header), begin)
