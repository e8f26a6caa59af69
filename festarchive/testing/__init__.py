"""Helpers for the test suite (test cases live in each app's tests/)."""
