"""Distinct sender's references (field 20) for the MTs of one split message.

Why: field 20 is the sender's reference of one FIN message and identifies it in every later
query, cancellation or return. The MT a part of a split becomes often takes its 20 from a
value the whole message shares (``GrpHdr/MsgId`` when a transaction has no ``InstrId``, the
camt.056 / camt.029 ``Assgnmt/Id``, the pain.001 ``MsgId``), so every MT of the split would
carry the same reference. This pass runs on the translated parts together: the parts that
share a 20 get ``<reference>/<n>`` instead, ``n`` the part's position in the split (the
item order of the input), the reference cut so the whole stays within 16 characters, and
an info diagnostic says which value was derived from what. Parts whose 20 is already their
own (an ``InstrId`` per transaction) are left as they are.

A cut reference keeps the TR004 truncation mark ``+``, right where the reference was cut and
before the suffix (``BATCH-2026112+/1``): the reader of the MT still sees that the reference
is incomplete, the suffix stays the last thing in the field, and ``+/`` is valid 16x (network
rule T26 only forbids a leading or trailing ``/`` and ``//``). Spaces and slashes at the cut
are removed first, so no space or second slash ever stands before the suffix; so is a ``+``
the reference itself has at the cut (``ABCDEFGHIJKL+MNOP`` gives ``ABCDEFGHIJKL+/1``, never
``++/1``): the one ``+`` before the suffix is always the mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.base import Message
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.rules import register_rules

__all__ = ["distinct_references"]

register_rules(
    {
        "TR060": "the MTs of a split message that would share field 20 get <reference>/<n> (n the part's "
        "position, within 16 characters; a reference cut to fit keeps the '+' mark before /<n>), "
        "reported as mapping.derived"
    }
)

#: The placeholder of a reference cut to nothing (never expected: field 20 is never empty).
_EMPTY = "NOTPROVIDED"


def _reference(message: Message | None) -> str | None:
    if not isinstance(message, MtMessage):
        return None
    for field in message.fields:
        if field.tag == "20":
            return field.value
    return None


#: What may not stand right before the suffix or the mark: a space, or a ``/`` (``//``).
_LOOSE = " /"


def derive(reference: str, suffix: str) -> str:
    """``reference`` + ``suffix`` (``/3``) within 16 characters.

    A reference that fits is kept whole. One that does not, or one that is already a TR004 cut
    (16 characters ending in ``+``), is cut from the right and keeps the mark: ``<cut>+<suffix>``.
    Never a space or ``/`` before the suffix or the mark, and never a second ``+`` before the mark.
    """
    room = 16 - len(suffix)
    if len(reference) <= room:  # a TR004 cut (15 + '+') never fits: it is always cut again
        base, mark = reference.rstrip(_LOOSE), ""
    else:
        base, mark = reference[: room - 1].rstrip(_LOOSE + "+"), "+"
    if not base:
        return _EMPTY[:room] + suffix
    return base + mark + suffix


def distinct_references(
    messages: Sequence[Message | None], items: Sequence[str]
) -> list[tuple[Message | None, Diagnostic | None]]:
    """Each translated part (None for a part that failed) with its field 20 made distinct.

    ``items`` are the input paths of the parts' items, named in the diagnostic. A part whose
    20 no other part shares comes back unchanged, with no diagnostic.
    """
    references = [_reference(message) for message in messages]
    counts: dict[str, int] = {}
    for ref in references:
        if ref is not None:
            counts[ref] = counts.get(ref, 0) + 1
    if len(counts) == sum(counts.values()):
        return [(message, None) for message in messages]  # the usual case: every 20 its own
    taken = {ref for ref, count in counts.items() if count == 1}
    out: list[tuple[Message | None, Diagnostic | None]] = []
    for n, (message, reference) in enumerate(zip(messages, references, strict=True), start=1):
        if reference is None or counts[reference] < 2 or not isinstance(message, MtMessage):
            out.append((message, None))
            continue
        suffix, k = f"/{n}", 0
        derived = derive(reference, suffix)
        while derived in taken:  # another part's own reference happens to read the same
            k += 1
            suffix = f"/{n}-{k}"
            derived = derive(reference, suffix)
        taken.add(derived)
        at = next(i for i, f in enumerate(message.fields) if f.tag == "20")
        fields = (*message.fields[:at], MtField("20", derived), *message.fields[at + 1 :])
        mt = f"MT{message.message_type[:3]}"
        cut = ", cut to fit ('+' marks the cut)," if len(reference) + len(suffix) > 16 else ""
        note = Diagnostic(
            "mapping.derived",
            Severity.INFO,
            f"{counts[reference]} MTs of this split would carry the same sender's reference "
            f"{reference!r}; this one ({items[n - 1] or f'part {n}'}) is written as {derived!r}: "
            f"the reference{cut} followed by {suffix}, its position in the split",
            path=items[n - 1] or None,
            target_path=f"{mt}:20",
            rule="TR060",
            original=reference,
            emitted=derived,
        )
        out.append((replace(message, fields=fields), note))
    return out
