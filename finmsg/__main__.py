"""``python -m finmsg``: the same command line as the ``finmsg`` script (handy with ``-X importtime``)."""

from finmsg.cli import main

raise SystemExit(main())
