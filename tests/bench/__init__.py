"""`make bench`: seed a large PostgreSQL database and measure the proposal pages and API.

Run with `python -m tests.bench` (see __main__.py); settings are engage.settings.bench.
"""
