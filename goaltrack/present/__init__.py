"""Presentation: numbers and words, the status table and its fit, each output format, charts, the report."""
