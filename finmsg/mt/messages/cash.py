"""Specs of the cash management messages: confirmations (900, 910) and statements (94x, 950)."""

from __future__ import annotations

from finmsg.mt.messages.spec import F, MessageSpec, Seq, register

O = True  # optional  # noqa: E741

_STATEMENT_LINE = Seq("61", (F("61"), F("86", optional=O)), optional=O, many=True)

register(
    MessageSpec(
        "900",
        "Confirmation of Debit",
        (
            F("20"),
            F("21"),
            F("25", "_P"),
            F("13D", optional=O),
            F("32A"),
            F("52", "AD", optional=O),
            F("72", optional=O),
        ),
    ),
    MessageSpec(
        "910",
        "Confirmation of Credit",
        (
            F("20"),
            F("21"),
            F("25", "_P"),
            F("13D", optional=O),
            F("32A"),
            F("50", "AFK", optional=O),
            F("52", "AD", optional=O),
            F("56", "AD", optional=O),
            F("72", optional=O),
        ),
    ),
    MessageSpec(
        "940",
        "Customer Statement Message",
        (
            F("20"),
            F("21", optional=O),
            F("25", "_P"),
            F("28C"),
            F("60", "FM"),
            _STATEMENT_LINE,
            F("62", "FM"),
            F("64", optional=O),
            F("65", optional=O, many=True),
            F("86", optional=O),
        ),
    ),
    MessageSpec(
        "941",
        "Balance Report",
        (
            F("20"),
            F("21", optional=O),
            F("25", "_P"),
            F("28"),
            F("13D", optional=O),
            F("60F", optional=O),
            F("90D", optional=O),
            F("90C", optional=O),
            F("62F"),
            F("64", optional=O),
            F("65", optional=O, many=True),
            F("86", optional=O),
        ),
    ),
    MessageSpec(
        "942",
        "Interim Transaction Report",
        (
            F("20"),
            F("21", optional=O),
            F("25", "_P"),
            F("28C"),
            F("34F"),
            F("34F", optional=O),
            F("13D"),
            _STATEMENT_LINE,
            F("90D", optional=O),
            F("90C", optional=O),
            F("86", optional=O),
        ),
    ),
    MessageSpec(
        "950",
        "Statement Message",
        (
            F("20"),
            F("25"),
            F("28C"),
            F("60", "FM"),
            F("61", optional=O, many=True),
            F("62", "FM"),
            F("64", optional=O),
            F("65", optional=O, many=True),
        ),
    ),
)
