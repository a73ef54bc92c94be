"""Tests of goaltrack.storage."""
