"""Fixtures and factories of the loans features (a pytest plugin, see conftest.py)."""
