"""Temporary cooperatives and ten-day flashcoops."""
