"""sitrep: a sourced situation picture from a pile of news reports."""

__version__ = "0.1.0"
