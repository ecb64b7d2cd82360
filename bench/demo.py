"""How long ``vivier demo`` takes to seed its pool (target: 3,000 candidates in a few seconds on SQLite).

python bench/demo.py [--candidates 3000]            # SQLite in a temporary folder
DATABASE_URL=postgres://... python bench/demo.py    # PostgreSQL (the demo team there is replaced)
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=3000)
    args = parser.parse_args()
    os.environ.setdefault("VIVIER_DATA_DIR", tempfile.mkdtemp(prefix="vivier-bench-demo-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    from vivier.demo.seed import demo_seed
    from vivier.lib.geo import place_lookup

    started = time.perf_counter()
    place_lookup("Paris")  # the gazetteer loads once per process
    gazetteer = time.perf_counter() - started
    started = time.perf_counter()
    result = demo_seed(candidates=args.candidates, seed=1, reset=True)
    seconds = time.perf_counter() - started
    print(
        f"{connection.vendor}: {result.candidates} candidates ({result.duplicates} duplicates to review) "
        f"in {seconds:.2f}s = {result.candidates / seconds:,.0f} candidates/s; gazetteer load {gazetteer:.2f}s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
