"""MT ↔ ISO 20022 translation: ``translate(message, target)`` returns the other family's model.

Kept light: the pair modules (and lxml-heavy helpers) load on the first call.
Pairs live in :mod:`finmsg.translate.pairs`; each module there exposes
``PAIRS`` and is discovered automatically, so a new pair never edits a list.

>>> from finmsg.translate import translate  # doctest: +SKIP
>>> translate(mt103, "pacs.008").value.message_type  # doctest: +SKIP
'pacs.008.001.08'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finmsg.diagnostics import Result
    from finmsg.model.base import Message
    from finmsg.translate.split import Part

__all__ = ["split_for_mt", "translate"]


def translate(message: Message, target: str, **options: Any) -> Result[Message]:
    """Translate ``message`` to ``target`` (``pacs.008``, ``pacs.008.001.08``, ``iso20022``, ``mt``,
    ``mt103``, ``mt202cov`` ...). Options: ``now`` (datetime of the translation, for reproducible
    output). Raises :class:`~finmsg.errors.ConversionError` when no pair applies, or when an MT
    repeats a field its type allows once (``translate.repeated-field``: one value would be lost)."""
    run, mt_message, refuse_repeated_fields = _steps()
    if message.family == "mt" and isinstance(message, mt_message):
        return run(message, target, options, refuse_repeated_fields)
    return run(message, target, options)


def split_for_mt(message: Message) -> list[Part]:
    """The single-item messages one MT each can carry (see :mod:`finmsg.translate.split`);
    ``[Part(message)]`` when nothing needs splitting. Loaded on the first call."""
    from finmsg.translate.split import split_for_mt as split

    return split(message)


@cache
def _steps() -> tuple[Callable[..., Result[Message]], type, Callable[[Any], None]]:
    """The pair runner and the repeated-field check, imported on the first translation (this
    package stays light to import); an import statement run per message costs more than most
    field mappings, so the functions are kept once loaded."""
    from finmsg.mt.message import MtMessage
    from finmsg.translate.mt_repeats import refuse_repeated_fields
    from finmsg.translate.registry import run

    return run, MtMessage, refuse_repeated_fields
