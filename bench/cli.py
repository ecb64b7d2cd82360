"""How long quick `vivier` commands take, beside a bare ``django.setup()`` in the same interpreter.

    python bench/cli.py                 # 7 runs of each command on a 300-candidate demo pool
    python bench/cli.py --runs 15 --tree /path/to/other/checkout   # the same commands on another tree

Each command runs in a fresh process (``python -m vivier ...``), as a user runs it; the figures are the
median wall time and the median CPU time (user + system of the process: steadier than wall time when other
work shares the machine), and the ratios are to ``python -c "import django; django.setup()"`` with Vivier's
settings, which is the floor any Django command pays. The demo pool is seeded once in a temporary data folder.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CAMPAIGN = "Backend Python Lyon — relance vivier"
COMMANDS = [
    ("--help", ["--help"]),
    ("segment count", ["segment", "count", "job:backend seniority>=senior"]),
    ("outbox --json", ["outbox", "--json"]),
    ("campaign show", ["campaign", "show", CAMPAIGN]),
    ("campaign list", ["campaign", "list"]),
]
SETUP = (
    'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings"); django.setup()'
)


def timed(argv: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv[2:])} failed ({result.returncode}): {result.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", type=Path, default=HERE, help="checkout whose vivier package is measured")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="vivier-bench-cli-")
    env = {**os.environ, "VIVIER_DATA_DIR": data, "PYTHONPATH": str(args.tree)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [args.python, "-m", "vivier", "demo", "--candidates", "300"],
        env=env,
        cwd=args.tree,
        check=True,
        capture_output=True,
    )
    floor, floor_cpu = medians([timed([args.python, "-c", SETUP], env, args.tree) for _ in range(args.runs)])
    print(f"tree: {args.tree}")
    print(f"{'command':<16} {'wall s':>8} {'ratio':>6} {'cpu s':>8} {'ratio':>6}")
    print(f"{'django.setup()':<16} {floor:>8.3f} {1:>6.2f} {floor_cpu:>8.3f} {1:>6.2f}")
    for label, argv in COMMANDS:
        wall, cpu = medians(
            [timed([args.python, "-m", "vivier", *argv], env, args.tree) for _ in range(args.runs)]
        )
        print(f"{label:<16} {wall:>8.3f} {wall / floor:>6.2f} {cpu:>8.3f} {cpu / floor_cpu:>6.2f}")


if __name__ == "__main__":
    main()
