"""sitreps: evidence-backed conflict event data from reports."""

__version__ = "0.1.0"
