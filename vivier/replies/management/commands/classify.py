"""``vivier classify --batch IN.jsonl [--out OUT.jsonl]`` and ``vivier classify --eval FILE.jsonl``.

Batch: one output line per input line, in order. A line that cannot be read gets an output line with an
"error" (and its id when it has one, always its line number); the run goes on.
"""

import json
import sys
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from vivier.replies.understanding import default_classifier
from vivier.replies.understanding.evaluate import evaluate, read_jsonl


class BadLine(ValueError):
    pass


def _parse_datetime(value, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadLine(f"{field} must be an ISO date-time string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadLine(f"{field} is not an ISO date-time: {value!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # no offset given: read it as UTC rather than refuse the reply
    return parsed


def classify_line(raw: str, line_no: int, classifier) -> dict:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": line_no, "error": f"invalid JSON: {exc.msg} (column {exc.colno})"}
    if not isinstance(item, dict):
        return {"id": None, "line": line_no, "error": "a line must be a JSON object"}
    ident = item.get("id")
    try:
        text = item.get("text")
        if not isinstance(text, str):
            raise BadLine('"text" is missing or not a string')
        subject = item.get("subject") or ""
        if not isinstance(subject, str):
            raise BadLine('"subject" must be a string')
        received_at = _parse_datetime(item.get("received_at"), "received_at")
        slots = item.get("offered_slots")
        if slots is not None and not isinstance(slots, list):
            raise BadLine('"offered_slots" must be a list of date-times or null')
        offered = [_parse_datetime(s, "offered_slots") for s in (slots or [])]
        u = classifier.classify(
            text=text, subject=subject, received_at=received_at, offered_slots=[s for s in offered if s]
        )
    except BadLine as exc:
        return {"id": ident, "line": line_no, "error": str(exc)}
    return {"id": ident, **u.as_dict()}


class Command(BaseCommand):
    group = "Replies"
    help = "Classify candidates' replies (intent, reason, recontact date, slot) from JSONL, or score a labelled file."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--batch",
            metavar="IN.jsonl",
            help='lines {"id","subject","text","received_at","offered_slots"}; - for stdin',
        )
        group.add_argument(
            "--eval", metavar="FILE.jsonl", help="a labelled file (REPLIES.md schema): print the scores"
        )
        parser.add_argument("--out", metavar="OUT.jsonl", help="write results here instead of stdout")

    def handle(self, *args, **options):
        classifier = default_classifier()
        if options["eval"]:
            try:
                rows = read_jsonl(options["eval"])
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"cannot read {options['eval']}: {exc}") from exc
            report = evaluate(rows, classifier)
            self.stdout.write("\n".join(report.lines()))
            return
        try:
            source = (
                sys.stdin
                if options["batch"] == "-"
                else open(options["batch"], encoding="utf-8", errors="replace")
            )
        except OSError as exc:
            raise CommandError(f"cannot read {options['batch']}: {exc}") from exc
        out = open(options["out"], "w", encoding="utf-8") if options["out"] else self.stdout
        done = errors = 0
        try:
            for line_no, raw in enumerate(source, 1):
                if not raw.strip():
                    result = {"id": None, "line": line_no, "error": "empty line"}
                else:
                    result = classify_line(raw, line_no, classifier)
                errors += "error" in result
                done += 1
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
        finally:
            if source is not sys.stdin:
                source.close()
            if out is not self.stdout:
                out.close()
        self.stderr.write(f"{done} lines, {errors} with errors")
