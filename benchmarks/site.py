"""Site benchmark (not a test): how long `gap-analyzer site` takes, for the shipped states and for 51.

Run: python benchmarks/site.py [--repeat 3] [--sizes 51]

Times whole processes (wall and CPU, median of --repeat): a first build into a new folder, and a
rebuild of the same folder with nothing changed (which rewrites nothing). The shipped data is built
as it is; each size N builds N synthetic jurisdictions: Missouri's statute file renamed to the first
N of the 50 states and DC (so each has its own square on the map and Missouri's published cards
still find their state), with the benchmark jurisdiction and the shipped rules and published cards.
Goals (issue 29): the shipped states under 15 s, 51 jurisdictions under 90 s, on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analyzer.postal import CODES
from analyzer.skeleton import jurisdiction_id
from benchmarks.scale import BENCHMARK, ROOT, SHIPPED, run

STATES = [name for code, name in CODES.items() if code not in ("PR", "GU", "VI", "AS", "MP")]  # 50 and DC


def populate(folder: Path, size: int) -> Path:
    """statutes/: the benchmark jurisdiction and `size` renamed copies of Missouri's file."""
    statutes = folder / "statutes"
    statutes.mkdir()
    shutil.copy(ROOT / "statutes" / f"{BENCHMARK}.yaml", statutes / f"{BENCHMARK}.yaml")
    text = (ROOT / "statutes" / f"{SHIPPED}.yaml").read_text("utf-8")
    for name in STATES[:size]:
        ident = jurisdiction_id(name)
        copy = re.sub(rf"(?m)^  id: {SHIPPED}$", f"  id: {ident}", text, count=1)
        copy = re.sub(r"(?m)^  name: Missouri$", f"  name: {name}", copy, count=1)
        (statutes / f"{ident}.yaml").write_text(copy, "utf-8")
    return statutes


def timed(argv: list[str], cwd: Path, env: dict[str, str], repeat: int, fresh: Path | None) -> tuple[float, float]:
    """Median wall and CPU seconds; with `fresh`, that folder is removed before each run."""
    walls, cpus = [], []
    for _ in range(repeat):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        wall, cpu, _ = run(argv, cwd, env)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[51])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    cli = [python, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.argv[0] = 'gap-analyzer'; "
                         "from analyzer.cli import main; main()"]
    print(f"# {platform.node()}: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, Python "
          f"{platform.python_version()}, {date.today()}, median of {args.repeat}")
    print("| data | jurisdictions | files | first build (wall / CPU) | rebuild, nothing changed (wall / CPU) |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="gap-site-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "NO_COLOR": "1", "GAP_ANALYZER_CACHE_DIR": str(folder / "cache")}
        cases = [("shipped", ROOT / "statutes")]
        for n in args.sizes:
            (folder / f"n{n}").mkdir()
            cases.append((f"synthetic {n}", populate(folder / f"n{n}", n)))
        for label, statutes in cases:
            out = folder / f"out-{label.replace(' ', '-')}"
            argv = [*cli, "site", "--out", str(out), "--rules", str(ROOT / "rules"), "--statutes", str(statutes)]
            run(argv, folder, env)  # warms the checked-file cache, as a second build on a machine would be
            first = timed(argv, folder, env, args.repeat, out)
            again = timed(argv, folder, env, args.repeat, None)
            count = len(list(statutes.glob("*.yaml"))) - 1  # the benchmark jurisdiction is not graded
            files = sum(1 for p in out.rglob("*") if p.is_file())
            print(f"| {label} | {count} | {files} | {first[0]:.1f} s / {first[1]:.1f} s | "
                  f"{again[0]:.1f} s / {again[1]:.1f} s |", flush=True)
            shutil.rmtree(out)


if __name__ == "__main__":
    main()
