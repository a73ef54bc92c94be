"""Tests of goaltrack.cli."""
