"""Figures in from files: decoding, layouts, one reader per format, the checks, and loading."""

from goaltrack.ingest.load import ImportResult, Progress, import_file

__all__ = ["ImportResult", "Progress", "import_file"]
