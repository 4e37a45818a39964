"""Test support: generators of realistic inputs (administrative PDFs, scans).

Shared by the tests of several packages and by the sample dossier, so that
every test exercises the same documents a reviewer would see.
"""
