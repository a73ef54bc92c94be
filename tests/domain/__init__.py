"""Tests of goaltrack.domain."""
