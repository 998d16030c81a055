"""Specs of the customer (1xx) and financial-institution (2xx) payment messages.

Field lists, order, presence and repetition follow the SWIFT Standards MT
message reference guides. ``"_"`` in an option list means "no letter option".
"""

from __future__ import annotations

from finmsg.mt.messages.spec import F, MessageSpec, Seq, register

O = True  # optional  # noqa: E741

_MT103_HEAD = (
    F("20"),
    F("13C", optional=O, many=True),
    F("23B"),
    F("23E", optional=O, many=True),
    F("26T", optional=O),
    F("32A"),
    F("33B", optional=O),
    F("36", optional=O),
)
_MT103 = (
    *_MT103_HEAD,
    F("50", "AFK"),
    F("51A", optional=O),
    F("52", "AD", optional=O),
    F("53", "ABD", optional=O),
    F("54", "ABD", optional=O),
    F("55", "ABD", optional=O),
    F("56", "ACD", optional=O),
    F("57", "ABCD", optional=O),
    F("59", "_AF"),
    F("70", optional=O),
    F("71A"),
    F("71F", optional=O, many=True),
    F("71G", optional=O),
    F("72", optional=O),
    F("77B", optional=O),
)
_MT103_STP = (
    *_MT103_HEAD,
    F("50", "AFK"),
    F("52", "A", optional=O),
    F("53", "AB", optional=O),
    F("54", "A", optional=O),
    F("55", "A", optional=O),
    F("56", "A", optional=O),
    F("57", "A", optional=O),
    F("59", "_AF"),
    F("70", optional=O),
    F("71A"),
    F("71F", optional=O, many=True),
    F("71G", optional=O),
    F("72", optional=O),
    F("77B", optional=O),
)
_MT103_REMIT = (*(i for i in _MT103 if not (isinstance(i, F) and i.number == "70")), F("77T"))

_COV_B = Seq(
    "B",
    (
        F("50", "AFK"),
        F("52", "AD", optional=O),
        F("56", "ACD", optional=O),
        F("57", "ABCD", optional=O),
        F("59", "_AF"),
        F("70", optional=O),
        F("72", optional=O),
        F("33B", optional=O),
    ),
)
_MT202 = (
    F("20"),
    F("21"),
    F("13C", optional=O, many=True),
    F("32A"),
    F("52", "AD", optional=O),
    F("53", "ABD", optional=O),
    F("54", "ABD", optional=O),
    F("56", "AD", optional=O),
    F("57", "ABD", optional=O),
    F("58", "AD"),
    F("72", optional=O),
)
_MT205 = (
    F("20"),
    F("21"),
    F("13C", optional=O, many=True),
    F("32A"),
    F("52", "AD"),
    F("53", "ABD", optional=O),
    F("56", "AD", optional=O),
    F("57", "ABD", optional=O),
    F("58", "AD"),
    F("72", optional=O),
)
register(
    MessageSpec(
        "101",
        "Request for Transfer",
        (
            Seq(
                "A",
                (
                    F("20"),
                    F("21R", optional=O),
                    F("28D"),
                    F("50", "CL", optional=O),
                    F("50", "FGH", optional=O),
                    F("52", "AC", optional=O),
                    F("51A", optional=O),
                    F("30"),
                    F("25", optional=O),
                ),
            ),
            Seq(
                "B",
                (
                    F("21"),
                    F("21F", optional=O),
                    F("23E", optional=O, many=True),
                    F("32B"),
                    F("50", "CL", optional=O),
                    F("50", "FGH", optional=O),
                    F("52", "AC", optional=O),
                    F("56", "ACD", optional=O),
                    F("57", "ACD", optional=O),
                    F("59", "_AF"),
                    F("70", optional=O),
                    F("77B", optional=O),
                    F("33B", optional=O),
                    F("71A"),
                    F("25A", optional=O),
                    F("36", optional=O),
                ),
                many=True,
            ),
        ),
    ),
    MessageSpec("103", "Single Customer Credit Transfer", _MT103),
    MessageSpec("103STP", "Single Customer Credit Transfer (STP)", _MT103_STP),
    MessageSpec("103REMIT", "Single Customer Credit Transfer (REMIT)", _MT103_REMIT),
    MessageSpec(
        "110",
        "Advice of Cheque(s)",
        (
            Seq("A", (F("20"), F("53", "ABD", optional=O), F("54", "ABD", optional=O), F("72", optional=O))),
            Seq(
                "B",
                (
                    F("21"),
                    F("30"),
                    F("32", "AB"),
                    F("50", "AFK", optional=O),
                    F("52", "ABD", optional=O),
                    F("59", "_F"),
                ),
                many=True,
            ),
        ),
    ),
    MessageSpec(
        "111",
        "Request for Stop Payment of a Cheque",
        (
            F("20"),
            F("21"),
            F("30"),
            F("32", "AB"),
            F("52", "ABD", optional=O),
            F("59", optional=O),
            F("75", optional=O),
        ),
    ),
    MessageSpec(
        "112",
        "Status of a Request for Stop Payment of a Cheque",
        (F("20"), F("21"), F("30"), F("32", "AB"), F("52", "ABD", optional=O), F("59", optional=O), F("76")),
    ),
    MessageSpec(
        "200",
        "Financial Institution Transfer for its Own Account",
        (
            F("20"),
            F("32A"),
            F("53B", optional=O),
            F("56", "AD", optional=O),
            F("57", "ABD"),
            F("72", optional=O),
        ),
    ),
    MessageSpec("202", "General Financial Institution Transfer", _MT202),
    MessageSpec("202COV", "General Financial Institution Transfer (cover)", (Seq("A", _MT202), _COV_B)),
    MessageSpec("205", "Financial Institution Transfer Execution", _MT205),
    MessageSpec("205COV", "Financial Institution Transfer Execution (cover)", (Seq("A", _MT205), _COV_B)),
    MessageSpec(
        "210",
        "Notice to Receive",
        (
            F("20"),
            F("25", optional=O),
            F("30"),
            Seq(
                "B",
                (
                    F("21"),
                    F("32B"),
                    F("50", "_CF", optional=O),
                    F("52", "AD", optional=O),
                    F("56", "AD", optional=O),
                ),
                many=True,
            ),
        ),
    ),
)

for _n in ("1", "2"):
    register(
        MessageSpec(
            f"{_n}90",
            "Advice of Charges, Interest and Other Adjustments",
            (
                F("20"),
                F("21"),
                F("25"),
                F("32", "CD"),
                F("52", "AD", optional=O),
                F("71B"),
                F("72", optional=O),
            ),
        ),
        MessageSpec(
            f"{_n}91",
            "Request for Payment of Charges, Interest and Other Expenses",
            (
                F("20"),
                F("21"),
                F("32B"),
                F("52", "AD", optional=O),
                F("57", "ABD", optional=O),
                F("71B"),
                F("72", optional=O),
            ),
        ),
        MessageSpec(
            f"{_n}92",
            "Request for Cancellation",
            (F("20"), F("21"), F("11S"), F("79", optional=O)),
            open_tail=True,
        ),
        MessageSpec(
            f"{_n}96",
            "Answers",
            (F("20"), F("21"), F("76"), F("77A", optional=O), F("11", "RS", optional=O), F("79", optional=O)),
            open_tail=True,
        ),
        MessageSpec(f"{_n}99", "Free Format Message", (F("20"), F("21", optional=O), F("79"))),
    )
del _n
