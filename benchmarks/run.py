"""Benchmarks (not tests): how long the stages take on the shipped data.

Run: python benchmarks/run.py [--repeat N]. Prints the best and median of N runs per stage, so
changes to the engine or data can be compared run against run on the same machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer import pipeline  # noqa: E402
from analyzer.render import render  # noqa: E402


def measure(label: str, work: Callable[[], object], repeat: int) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    print(f"{label:<40} best {min(times) * 1000:8.2f} ms   median {statistics.median(times) * 1000:8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    rules, statutes = ROOT / "rules", ROOT / "statutes"
    project = pipeline.load(rules, statutes)
    framework = pipeline.pick_framework(project, None)
    missouri = project.jurisdictions["missouri"]
    report = pipeline.report(project, missouri, framework)

    measure("load + validate all data", lambda: pipeline.load(rules, statutes), repeat)
    measure("evaluate + score Missouri", lambda: pipeline.report(project, missouri, framework), repeat)
    for fmt in ("text", "json", "markdown"):
        measure(f"render {fmt}", lambda fmt=fmt: render(report, fmt), repeat)
    measure("CLI start-up (--help)", lambda: subprocess.run(
        [sys.executable, "-m", "analyzer", "--help"], cwd=ROOT, capture_output=True, check=True), max(3, repeat // 4))
    measure("CLI report missouri --format json", lambda: subprocess.run(
        [sys.executable, "-m", "analyzer", "report", "missouri", "--format", "json"], cwd=ROOT,
        capture_output=True, check=True), max(3, repeat // 4))


if __name__ == "__main__":
    main()
