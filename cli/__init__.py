"""The ``hoso`` command: a thin adapter over criteria, docgen and verify."""
