"""Fixtures and factories of the incubator features (a pytest plugin, see conftest.py)."""
