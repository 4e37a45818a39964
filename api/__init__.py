"""The HTTP service: a thin adapter over criteria, docgen and verify."""
