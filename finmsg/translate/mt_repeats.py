"""Refuse to translate an MT whose once-only field occurs more than once.

Why: the MT → MX mappings read a message field by field, keyed by tag. A field
that FIN allows once but a damaged or hand-edited message repeats (two ``:70:``,
two ``:25:`` in an MT940) would be read twice, the second read overwriting the
first, and one value would vanish from the output with no diagnostic. Which
occurrence is meant cannot be known, so the translation refuses the message with
a typed error that names the field and its occurrences (a batch run quarantines it
with that reason); fixing the input is the user's call, not ours.

Two checks, because a count per message cannot see a field that is once-only *per
occurrence* of a repeated sequence: 86 may follow each MT940 statement line and end
the statement, 70 occurs once per MT101 transaction, 72 once in each MT202COV
sequence. So after the count, the spec walk (:meth:`MessageSpec.repeats`) looks for a
once-only slot filled twice inside one occurrence (or at message level). The head of an
MT n92/n96 is checked the same way; the copy of the original message after it may repeat
anything and is reported field by field by its mapping.

Both cost nothing on well-formed traffic: they only run when the message's tag sequence
does not fit its spec (:meth:`MessageSpec.check`, cached per sequence).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NoReturn

from finmsg.errors import ConversionError
from finmsg.mt.message import MtMessage
from finmsg.mt.messages.spec import F, MessageSpec, Repeat, Seq, derived_cache, spec_for
from finmsg.translate.fieldtags import tags_of

__all__ = ["refuse_repeated_fields"]

#: Per message type: (tag -> its slot's field number, field number -> how many times it may
#: occur; a number absent from the second map may occur any number of times).
_LIMITS: dict[str, tuple[dict[str, str], dict[str, int]]] = derived_cache()


#: (type, tags) sequences known to fit their spec: real traffic repeats a few shapes per type, and
#: the translation has the tag tuple at hand already (:func:`tags_of`). Emptied with the specs.
_FITTING: dict[tuple[str, tuple[str, ...]], bool] = derived_cache()
_FITTING_MAX = 1024


def _limits(spec: MessageSpec) -> tuple[dict[str, str], dict[str, int]]:
    """The once-only slots of ``spec`` counted per field number (``50`` for 50A/F/K); a number
    that also has a repeatable slot (or sits in a repeatable sequence) has no limit."""
    found = _LIMITS.get(spec.message_type)
    if found is not None:
        return found
    numbers: dict[str, str] = {}
    once: Counter[str] = Counter()
    unlimited: set[str] = set()

    def walk(items: Sequence[F | Seq], repeated: bool) -> None:
        for item in items:
            if isinstance(item, Seq):
                walk(item.items, repeated or item.many)
                continue
            numbers.update(dict.fromkeys(item.tags, item.number))
            if repeated or item.many:
                unlimited.add(item.number)
            else:
                once[item.number] += 1

    walk(spec.items, False)
    found = numbers, {number: count for number, count in once.items() if number not in unlimited}
    _LIMITS[spec.message_type] = found
    return found


def refuse_repeated_fields(message: MtMessage) -> None:
    """Raise :class:`ConversionError` (``translate.repeated-field``) if a field the message type
    allows once (in the message, or in one occurrence of a sequence) occurs more often;
    return quietly otherwise.

    A field that is merely out of place (13D after the first 61 of an MT942, 60F after the first
    61 of an MT940) is not refused here: the walk steps over it (:meth:`MessageSpec.repeats`).
    Such a message is a structure error, ``mt.structure.order`` of the structure layer, and is
    treated like every other MT that does not fit its layout (a missing mandatory field, a
    field out of order elsewhere): conversion does not run the validation layers, so it reads
    the message field by field and reports what it cannot place (``lossy.dropped``), while
    ``finmsg.validate`` names the misplaced field and ``finmsg convert --validate`` quarantines
    the message with that code. Refusing it here would make this one check a structure
    validator for a single kind of invalid input, under the wrong name besides. (Reading by
    field has a cost on such input: an 86 cut off from its 61 by a misplaced 13D is read as
    the report's 86, and the report's own 86 is then dropped with a diagnostic.)"""
    fields = message.fields
    key = (message.message_type, tags_of(fields))
    if key in _FITTING:
        return
    spec = spec_for(message.message_type)
    if spec is None or not fields:
        return
    if not spec.check(fields, ""):
        if len(_FITTING) >= _FITTING_MAX:
            _FITTING.clear()
        _FITTING[key] = True
        return  # the sequence fits the spec, so nothing is repeated too often
    if not spec.open_tail:
        _refuse_over_message_limit(message, spec)
    repeats = spec.repeats(fields) if spec.items else []
    if repeats:
        _refuse_repeat(message, repeats[0])


def _refuse_over_message_limit(message: MtMessage, spec: MessageSpec) -> None:
    """The count per message: a field number with only once-only slots, none in a repeated
    sequence, may occur as often as it has slots."""
    fields = message.fields
    numbers, limits = _limits(spec)
    seen: Counter[str] = Counter()
    for field in fields:
        tag = field[0]
        number = numbers.get(tag, tag)
        seen[number] += 1
        allowed = limits.get(number)
        if allowed is not None and seen[number] > allowed:
            limit = "once" if allowed == 1 else f"{allowed} times"
            where = [n for n, f in enumerate(fields, start=1) if numbers.get(f[0], f[0]) == number]
            raise ConversionError(
                f"MT{message.message_type}: field {tag} occurs {len(where)} times (fields "
                f"{', '.join(map(str, where))} of block 4) but may occur {limit}; "
                "one occurrence would be lost in translation, so the message is refused: "
                "correct the input",
                code="translate.repeated-field",
                path=f"MT{message.message_type}:{tag}",
                value=field[1],
            )


def _refuse_repeat(message: MtMessage, repeat: Repeat) -> NoReturn:
    """The error naming the field, where it repeats and every position."""
    if repeat.repeated:
        where = f"in one occurrence of sequence {repeat.sequence}"
    else:
        where = f"in sequence {repeat.sequence}" if repeat.sequence else "at message level"
    limit = "once" if repeat.allowed == 1 else f"{repeat.allowed} times"
    raise ConversionError(
        f"MT{message.message_type}: field {repeat.tag} occurs {len(repeat.positions)} times {where} "
        f"(fields {', '.join(map(str, repeat.positions))} of block 4) but may occur {limit} there; "
        "one occurrence would be lost in translation, so the message is refused: correct the input",
        code="translate.repeated-field",
        path=f"MT{message.message_type}:{repeat.tag}",
        value=message.fields[repeat.index][1],
    )
