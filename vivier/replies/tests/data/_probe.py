"""What every ``make_probe*.py`` shares: writing its labelled replies as one JSON object per line."""

import json
from collections.abc import Iterable
from pathlib import Path


def write_probe(name: str, records: Iterable[dict]) -> None:
    """Write ``<name>.jsonl`` beside these scripts; each record gets the id ``<name>-NNN``."""
    out = Path(__file__).resolve().parent / f"{name}.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for i, record in enumerate(records, 1):
            fh.write(json.dumps({"id": f"{name}-{i:03d}", **record}, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
