"""Batch conversion of whole archives: parallel, resumable, audited, with nothing lost.

See :func:`run_batch`; the CLI's ``convert`` subcommand is a thin layer over it.
"""

from finmsg.batch.ledger import Ledger
from finmsg.batch.runner import RunOptions, RunOutcome, run_batch
from finmsg.batch.tasks import BatchConfig

__all__ = ["BatchConfig", "Ledger", "RunOptions", "RunOutcome", "run_batch"]
