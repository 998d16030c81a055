"""Translation pair modules; each exposes ``PAIRS`` (see :mod:`finmsg.translate.registry`)."""
