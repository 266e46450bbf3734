"""Microcredit: products, the schedule engine, applications, loans and repayments."""
