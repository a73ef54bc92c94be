"""Tests of goaltrack.present."""
