"""The tag sequence of an MT message's fields, computed once per message however often it is asked.

Why: choosing the pair (is there a 72 with ``/REJT/``?), planning the field loop and looking for
53a/54a/55a each need the message's tags; building that tuple costs about as much as mapping
a simple field, and one translation asked for it three times. The last answer is kept with the
very ``fields`` tuple it came from and reused only for that same object (compared by identity,
and held, so its id cannot be taken by another tuple meanwhile); tags depend on nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

__all__ = ["tags_of"]

_TAG = itemgetter(0)

#: (fields, tags) of the last call: a translation asks for the same message's tags several times.
_last: tuple[Sequence[tuple[str, str]], tuple[str, ...]] = ((), ())


def tags_of(fields: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """``tuple(f.tag for f in fields)``, remembered for the last ``fields`` object."""
    global _last
    last = _last
    if last[0] is fields:
        return last[1]
    tags = tuple(map(_TAG, fields))
    if type(fields) is tuple:  # immutable: the same object always has the same tags
        _last = (fields, tags)
    return tags
