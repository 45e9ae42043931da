"""Benchmarks: `make bench` (python -m bench) against the PostgreSQL in DATABASE_URL.

Each benchmark builds its own data, at BENCH_SCALE times its nominal size, in a scratch database
created for the run (the database named in DATABASE_URL is left untouched), and prints each figure
as `BENCH <name> <number> <unit>`.
"""
