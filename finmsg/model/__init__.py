"""The canonical model: frozen dataclasses, no I/O, no format knowledge."""
