"""Fixtures and factories of the cooperatives features (a pytest plugin, see conftest.py)."""
