"""A stand-in app for tests: it contributes funder indicators through the extension point."""
