"""Readers: inputs to Report values (or Skipped values with a reason)."""

from sitreps.ingest.readers import FieldNames, ReadOptions, parse_date, read_paths

__all__ = ["FieldNames", "ReadOptions", "parse_date", "read_paths"]
