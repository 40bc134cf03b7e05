"""pmpath: a command-line career navigator for product managers."""

__version__ = "0.1.0"
