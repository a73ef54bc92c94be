"""Figures in from files: decoding, layouts, one reader per format, the checks, and loading."""
