"""Tests of goaltrack.ingest."""
