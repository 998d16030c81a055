"""The FIX messages every FIX benchmark measures (shared by ``run.py``, ``instructions.py``, quickfix side).

Two FIX 4.4 application messages of realistic size (about 250 bytes): a NewOrderSingle
with a two-entry Parties group and an ExecutionReport (fill). ``{n}`` makes each
message unique (sequence number, ids) so no cache can key on the whole text.
"""

from __future__ import annotations

from finmsg.fix.tagvalue import checksum

BODIES = [
    "35=D|49=BUYSIDE|56=BROKER|34={n}|52=20240102-10:11:12.123456|11=ORD{n}|453=2|448=5493001KJTIIGC8Y1R12|"
    "447=D|452=13|448=XPAR|447=G|452=1|1=ACC1|21=1|55=VOD|48=GB00BH4HKS39|22=4|54=1|"
    "60=20240102-10:11:12.123|38=1000|40=2|44=101.25|59=0|",
    "35=8|49=BROKER|56=BUYSIDE|34={n}|52=20240102-10:11:12.124|37=O{n}|11=ORD{n}|17=E{n}|150=F|39=2|"
    "55=VOD|48=GB00BH4HKS39|22=4|54=1|38=1000|44=101.25|32=1000|31=101.25|151=0|14=1000|6=101.25|"
    "60=20240102-10:11:12.124|",
]


def make(n: int, body: str) -> bytes:
    """One framed FIX 4.4 message (SOH-delimited, BodyLength and CheckSum correct)."""
    text = body.format(n=n).replace("|", "\x01").encode()
    head = b"8=FIX.4.4\x019=%d\x01" % len(text)
    msg = head + text
    return msg + b"10=%03d\x01" % checksum(msg)


def messages(count: int) -> list[bytes]:
    """``count`` messages alternating NewOrderSingle and ExecutionReport."""
    return [make(i, BODIES[i % 2]) for i in range(1, count + 1)]
