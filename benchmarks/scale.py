"""Scale benchmark (not a test): whole-process cost of the CLI as the number of jurisdictions grows.

Run: python benchmarks/scale.py [--sizes 1 10 51 200] [--repeat 5] [--analyzer DIR]

For each size N it writes N synthetic jurisdictions (Missouri's file, renamed: `missouri` plus
N-1 copies) and the benchmark jurisdiction into a temporary statutes folder, records their
baselines once, then times whole processes: `report <one> --format json`, `validate` and `check`.
Each time is the median of --repeat runs, printed as a ratio to the import floor
(`python -c "import yaml, jsonschema"`) measured in the same run, both in wall time and in CPU time
(user + system; steadier on a shared machine), with the largest peak resident memory of the timed
processes. The checked-file cache is a fresh folder per size, filled by an untimed `check`; the
"no cache" column times `--no-cache report`. `--analyzer DIR` times another checkout's code on the same data
(e.g. the code before a change).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = "missouri"
BENCHMARK = "federal"  # the framework's benchmark jurisdiction, read by every grading
CACHE_DIR = "GAP_ANALYZER_CACHE_DIR"


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time (s), CPU time (user + system, s) and peak resident memory (MiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{error}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def median_of(argv: list[str], cwd: Path, env: dict[str, str], repeat: int) -> tuple[float, float, int]:
    runs = [run(argv, cwd, env) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs))


def populate(folder: Path, size: int) -> None:
    """statutes/: the benchmark jurisdiction, Missouri, and size-1 renamed copies of Missouri."""
    statutes = folder / "statutes"
    statutes.mkdir()
    shutil.copy(ROOT / "statutes" / f"{BENCHMARK}.yaml", statutes / f"{BENCHMARK}.yaml")
    text = (ROOT / "statutes" / f"{SHIPPED}.yaml").read_text("utf-8")
    (statutes / f"{SHIPPED}.yaml").write_text(text, "utf-8")
    for i in range(1, size):
        name = f"synthetic-{i:03d}"
        copy = re.sub(rf"(?m)^  id: {SHIPPED}$", f"  id: {name}", text, count=1)
        (statutes / f"{name}.yaml").write_text(copy, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 51, 200])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--analyzer", type=Path, default=ROOT, help="checkout whose analyzer/ is timed")
    args = parser.parse_args()
    code = args.analyzer.resolve()
    env = {**os.environ, "NO_COLOR": "1"}
    python = sys.executable
    # sys.path first, so --analyzer wins over an installed (or editable) copy of the package
    cli = [python, "-c", f"import sys; sys.path.insert(0, {str(code)!r}); sys.argv[0] = 'gap-analyzer'; "
                         "from analyzer.cli import main; main()"]
    print(f"# {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}, "
          f"code {code}, median of {args.repeat}; each cell: wall-time ratio / CPU-time ratio to the floor")
    print("| N | floor (wall / CPU) | report | report, no cache | validate | check | peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="gap-scale-") as tmp:
            folder = Path(tmp)
            populate(folder, size)
            env[CACHE_DIR] = str(folder / "cache")  # a fresh cache, filled by the untimed runs below
            data = ["--rules", str(ROOT / "rules"), "--statutes", str(folder / "statutes")]
            baselines = ["--baselines", str(folder / "baselines")]
            run([*cli, "check", "--accept", *data, *baselines], folder, env)
            run([*cli, "check", *data, *baselines], folder, env)
            floor = median_of([python, "-c", "import yaml, jsonschema"], folder, env, args.repeat)
            timed = {
                "report": [*cli, "report", SHIPPED, "--format", "json", *data],
                "cold": [*cli, "--no-cache", "report", SHIPPED, "--format", "json", *data],
                "validate": [*cli, "validate", *data],
                "check": [*cli, "check", *data, *baselines],
            }
            if args.analyzer.resolve() != ROOT:  # other code may have no --no-cache option
                timed["cold"] = timed["report"]
            results = {name: median_of(argv, folder, env, args.repeat) for name, argv in timed.items()}
            peak = max(r[2] for r in results.values())
            cells = [f"{r[0] / floor[0]:.1f}x / {r[1] / floor[1]:.1f}x" for r in results.values()]
            print(f"| {size} | {floor[0]:.3f} s / {floor[1]:.3f} s | {' | '.join(cells)} | {peak} |", flush=True)


if __name__ == "__main__":
    main()
