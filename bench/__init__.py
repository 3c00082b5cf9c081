"""Benchmarks: `make bench` runs every bench/bench_*.py main(); each writes its section of docs/BENCHMARKS.md."""
