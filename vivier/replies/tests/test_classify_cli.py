"""``vivier classify`` run as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def run(args, tmp_path, stdin=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VIVIER_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(
        [sys.executable, "-m", "vivier", "classify", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = [
    json.dumps(
        {
            "id": "a",
            "subject": "Re: Poste",
            "text": "Oui, ça m'intéresse !\n\nLe 3 mars 2026, Julie a écrit :\n> Intéressé ?",
            "received_at": "2026-03-04T09:00:00+01:00",
            "offered_slots": None,
        }
    ),
    json.dumps(
        {
            "id": "b",
            "subject": "Re: Entretien",
            "text": "Le second créneau me va.",
            "received_at": "2026-03-04T09:00:00+01:00",
            "offered_slots": ["2026-03-05T10:00:00+01:00", "2026-03-06T14:00:00+01:00"],
        }
    ),
    json.dumps(
        {
            "id": "c",
            "subject": "Re: Role",
            "text": "Not now - reach out again in 6 months.",
            "received_at": "2026-03-04T09:00:00+01:00",
            "offered_slots": None,
        }
    ),
]


def test_batch_writes_one_line_per_reply_to_stdout(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", GOOD)
    result = run(["--batch", str(src)], tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert set(out[0]) == {"id", "lang", "intent", "reason", "recontact_after", "chosen_slot", "confidence"}
    assert (out[0]["lang"], out[0]["intent"]) == ("fr", "interested")
    assert (out[1]["intent"], out[1]["chosen_slot"]) == ("slot_choice", 2)
    assert (out[2]["lang"], out[2]["intent"], out[2]["recontact_after"]) == ("en", "later", "2026-09-04")


def test_batch_reports_bad_lines_and_goes_on(tmp_path):
    lines = [
        GOOD[0],
        "{not json",
        json.dumps({"id": "no-text", "subject": "x"}),
        "[1, 2]",
        json.dumps({"id": "bad-date", "text": "Oui", "received_at": "yesterday"}),
        json.dumps({"id": "bad-slots", "text": "Oui", "offered_slots": "jeudi"}),
        GOOD[2],
    ]
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    out_file = tmp_path / "out.jsonl"
    result = run(["--batch", str(src), "--out", str(out_file)], tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert len(out) == len(lines)
    assert out[0]["intent"] == "interested" and "error" not in out[0]
    assert out[1]["line"] == 2 and "invalid JSON" in out[1]["error"]
    assert out[2]["id"] == "no-text" and "text" in out[2]["error"]
    assert out[3]["line"] == 4 and "object" in out[3]["error"]
    assert out[4]["id"] == "bad-date" and "received_at" in out[4]["error"]
    assert out[5]["id"] == "bad-slots" and "offered_slots" in out[5]["error"]
    assert out[6]["id"] == "c" and out[6]["intent"] == "later"
    assert "5 with errors" in result.stderr


def test_batch_reads_stdin(tmp_path):
    result = run(["--batch", "-"], tmp_path, stdin=GOOD[1] + "\n")
    assert json.loads(result.stdout)["chosen_slot"] == 2


def test_batch_is_deterministic(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", GOOD)
    first = run(["--batch", str(src)], tmp_path).stdout
    second = run(["--batch", str(src)], tmp_path).stdout
    assert first == second and first


def test_eval_prints_the_scores(tmp_path):
    rows = [
        {
            "id": "1",
            "text": "Non merci, trop loin.",
            "received_at": "2026-03-04T09:00:00+01:00",
            "subject": "",
            "offered_slots": None,
            "intent": "not_interested",
            "reason": "location",
            "recontact_after": None,
            "chosen_slot": None,
        },
        {
            "id": "2",
            "text": "Oui !",
            "received_at": "2026-03-04T09:00:00+01:00",
            "subject": "",
            "offered_slots": None,
            "intent": "interested",
            "reason": None,
            "recontact_after": None,
            "chosen_slot": None,
        },
    ]
    src = write_jsonl(tmp_path / "gold.jsonl", [json.dumps(r) for r in rows])
    result = run(["--eval", str(src)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "accuracy: 1.000" in result.stdout
    assert "macro-F1: 1.000" in result.stdout
    assert "reason accuracy" in result.stdout and "slot accuracy" in result.stdout
    assert "not_interested" in result.stdout


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = run(["--batch", str(tmp_path / "nope.jsonl")], tmp_path)
    assert result.returncode != 0
    assert "cannot read" in result.stderr


def test_batch_chosen_slot_is_the_index_into_any_number_of_offered_slots(tmp_path):
    slots = ["2026-01-13T10:00:00+01:00", "2026-01-14T14:00:00+01:00", "2026-01-15T11:00:00+01:00"]
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            json.dumps(
                {
                    "id": "a",
                    "text": "Le troisième me va.",
                    "received_at": "2026-01-12T09:00:00+01:00",
                    "offered_slots": slots,
                }
            ),
            json.dumps(
                {
                    "id": "b",
                    "text": "Plutôt mercredi matin ?",
                    "received_at": "2026-01-12T09:00:00+01:00",
                    "offered_slots": slots,
                }
            ),
        ],
    )
    done = run(["--batch", str(src)], tmp_path)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(o["id"], o["intent"], o["chosen_slot"]) for o in out] == [
        ("a", "slot_choice", 3),
        ("b", "slot_choice", None),
    ]
    assert {"id", "lang", "intent", "reason", "recontact_after", "chosen_slot", "confidence"} <= set(out[0])


def test_batch_chosen_slot_holds_for_one_two_three_and_five_slots(tmp_path):
    days = ["2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06"]  # Monday to Friday
    slots = [f"{d}T{h}:00:00+01:00" for d, h in zip(days, ["09", "10", "11", "14", "16"], strict=True)]
    cases = [
        ("one", slots[:1], "Lundi 9h, c'est parfait.", 1),
        ("one-no", slots[:1], "Lundi je ne peux pas, auriez-vous un autre créneau ?", None),
        ("two", slots[:2], "Mardi à 10h me va.", 2),
        ("three", slots[:3], "The third one works for me.", 3),
        ("five-day", slots, "Friday at 4pm please.", 5),
        ("five-last", slots, "Le dernier créneau m'arrange.", 5),
        ("five-thursday", slots, "Jeudi 14h c'est bon pour moi.", 4),
        ("five-any", slots, "N'importe lequel, je suis flexible.", None),
    ]
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": i, "text": t, "received_at": "2026-01-28T09:00:00+01:00", "offered_slots": s})
            for i, s, t, _ in cases
        ],
    )
    done = run(["--batch", str(src)], tmp_path)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(o["id"], o["intent"], o["chosen_slot"]) for o in out] == [
        (i, "slot_choice", chosen) for i, _, _, chosen in cases
    ]
    assert all(
        set(o) == {"id", "lang", "intent", "reason", "recontact_after", "chosen_slot", "confidence"}
        for o in out
    )
