"""BIC comparison across the BIC8 / BIC11 (``XXX`` branch) spellings, and BIC-only agents."""

from __future__ import annotations

from finmsg.model.common import Agent
from finmsg.translate.memo import register

__all__ = ["bic_agent", "same_bic"]

_AGENTS: dict[str | None, Agent] = {}
_MAX_AGENTS = 4096
register(_AGENTS.clear)


def _bic11(value: str) -> str:
    return value + "XXX" if len(value) == 8 else value


def same_bic(a: str | None, b: str | None) -> bool:
    """True when both name the same institution branch (``BANKBEBB`` == ``BANKBEBBXXX``)."""
    if a is None or b is None:
        return False
    return a == b or _bic11(a.upper()) == _bic11(b.upper())


def bic_agent(bic: str | None) -> Agent:
    """``Agent(bic=bic)``, shared: model objects are immutable, and every message names its sender
    and receiver several times (instructing agent, default debtor/creditor agent, charge agents),
    so one object per BIC saves building the same eight-member agent again and again."""
    agent = _AGENTS.get(bic)
    if agent is None:
        if len(_AGENTS) >= _MAX_AGENTS:
            _AGENTS.clear()
        agent = _AGENTS[bic] = Agent(bic=bic)
    return agent
