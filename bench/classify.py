"""Throughput of reply understanding on one core, and the development macro-F1.

    python bench/classify.py [path/to/replies-dev.jsonl]

Prints replies/s (target: at least 500/s) over the dev texts repeated, the model's training time, and the
scores on the dev set and on our own probe set. Development figures only: the dev set was read while the
rules were written, so it overstates what unseen replies will get.
"""

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vivier.replies.understanding import Classifier  # noqa: E402
from vivier.replies.understanding.evaluate import evaluate, read_jsonl  # noqa: E402

DEV = [Path(p) for p in sys.argv[1:]] + [REPO / "vivier" / "replies" / "tests" / "data" / "replies-dev.jsonl"]
PROBES = sorted((REPO / "vivier" / "replies" / "tests" / "data").glob("probe*.jsonl"))
PROBE = PROBES[0]


def main() -> None:
    dev = next((p for p in DEV if p.exists()), None)
    rows = read_jsonl(dev) if dev else read_jsonl(PROBE)

    started = time.perf_counter()
    clf = Classifier()
    print(f"training (bundled corpus): {1000 * (time.perf_counter() - started):.0f} ms")

    items = [r for r in rows] * max(1, 3000 // len(rows))
    started, cpu_started = time.perf_counter(), time.process_time()
    for r in items:
        clf.classify(
            text=r["text"],
            subject=r.get("subject") or "",
            received_at=r.get("received_at"),
            offered_slots=r.get("offered_slots"),
        )
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time is what one core spends; wall time also counts other processes sharing the machine.
    print(
        f"classified {len(items)} replies: {len(items) / cpu:.0f} replies/s of CPU time on one core, "
        f"{len(items) / elapsed:.0f} replies/s wall clock"
    )

    for name, path in [("dev", dev), *((p.stem, p) for p in PROBES)]:
        if path is None:
            print(f"\n{name}: not found")
            continue
        report = evaluate(read_jsonl(path), clf)
        print(f"\n== {name} set ({path})")
        print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
