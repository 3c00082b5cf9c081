"""Run the benchmarks: `python -m bench [NAME ...]` (names without the bench_ prefix; default all)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import time

import bench


def main(argv: list[str]) -> int:
    names = [m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")]
    wanted = [f"bench_{n.removeprefix('bench_')}" for n in argv] or sorted(names)
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(sorted(names))}", file=sys.stderr)
        return 2
    if len(wanted) > 1:  # each benchmark in a fresh process: no threads, memory or caches left over
        failed = [n for n in wanted if subprocess.run([sys.executable, "-m", "bench", n]).returncode]
        if failed:
            print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1 if failed else 0
    for name in wanted:
        t0 = time.perf_counter()
        print(f"== {name}", flush=True)
        importlib.import_module(f"bench.{name}").main()
        print(f"== {name} done in {time.perf_counter() - t0:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
