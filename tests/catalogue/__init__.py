"""Tests of goaltrack.catalogue."""
