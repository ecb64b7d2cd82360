"""Accuracy and speed of the job taxonomy's inference on the hand-labelled titles.

    python bench/taxonomy.py                 # the dev block (the one rules may be tuned on)
    python bench/taxonomy.py --block heldout # the held-out block: score it once, never tune on it
    python bench/taxonomy.py --misses        # also print each miss

Figures: family, specialty, seniority and years right, over the block's titles (a title with nothing to infer is
right when nothing is inferred), and titles per second through ``taxonomy.infer``.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")

from vivier.pool import taxonomy  # noqa: E402
from vivier.pool.tests.labelled_titles import LEVELS, load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--block", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    cases = [c for c in load() if args.block in ("all", c.block)]
    right = {"family": 0, "specialty": 0, "seniority": 0, "years": 0}
    for case in cases:
        got = taxonomy.infer(case.title, case.headline)
        seen = {
            "family": got.family,
            "specialty": got.specialty,
            "seniority": got.seniority,
            "years": got.years,
        }
        for key in right:
            if seen[key] == getattr(case, key):
                right[key] += 1
            elif args.misses:
                show = {v: k for k, v in LEVELS.items()} if key == "seniority" else {}
                print(
                    f"  {key:9} {case.title!r}: got {show.get(seen[key], seen[key])!r}, "
                    f"want {show.get(getattr(case, key), getattr(case, key))!r}"
                )
    n = len(cases)
    print(f"{args.block}: {n} titles")
    for key, count in right.items():
        print(f"  {key:9} {count}/{n} = {count / n:.3f}")
    titles = [c.title for c in cases] * max(1, 20000 // n)
    read = taxonomy.default().infer
    start = time.perf_counter()
    for title in titles:
        read(title)
    print(f"  speed     {len(titles) / (time.perf_counter() - start):,.0f} titles/s uncached")
    start = time.perf_counter()
    for title in titles:
        taxonomy.infer(title)
    print(
        f"            {len(titles) / (time.perf_counter() - start):,.0f} titles/s through the cache (repeated titles)"
    )


if __name__ == "__main__":
    main()
