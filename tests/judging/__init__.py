"""Tests of goaltrack.judging."""
