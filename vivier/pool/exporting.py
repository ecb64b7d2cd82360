"""Writing the pool back out: ``vivier export --format csv|xlsx|jsonl [--team T] [--output FILE]``.

``export_candidates(*, team, format, out) -> int`` writes one candidate per line (CSV row, XLSX row or
JSON object) to ``out`` (a text stream; a binary one for XLSX) and returns how many were written. Cells
that a spreadsheet would run as formulas are neutralised (``vivier.lib.spreadsheet``). Every email (primary first),
phone, profile URL, tag and source is included. Candidates are read in pages of ``PAGE`` by primary
key with one query per related table, so memory does not grow with the pool.
"""

from __future__ import annotations

import csv
import json

from vivier.lib.spreadsheet import csv_row, xlsx_row

from .models import Candidate, CandidateEmail, CandidatePhone, CandidateProfile, CandidateSource, CandidateTag

PAGE = 2000
FORMATS = ("csv", "xlsx", "jsonl")
BINARY_FORMATS = ("xlsx",)
SCALARS = [
    "first_name",
    "last_name",
    "headline",
    "current_title",
    "current_company",
    "city",
    "country",
    "latitude",
    "longitude",
    "seniority",
    "years_experience",
    "remote_preference",
    "open_to_relocation",
    "max_commute_km",
    "available_from",
    "notice_period_days",
    "salary_amount",
    "salary_currency",
    "salary_period",
    "preferred_language",
    "time_zone",
    "consent_basis",
    "consent_given_at",
    "consent_expires_at",
    "last_candidate_activity_at",
    "unsubscribed_at",
    "custom_fields",
    "created_at",
    "updated_at",
]
TAG_COLUMNS = {
    "skill": "skills",
    "job": "job_families",
    "lang": "languages",
    "interest": "interests",
    "contract": "contract_types",
    "tag": "tags",
}
CSV_COLUMNS = [
    "id",
    "first_name",
    "last_name",
    "emails",
    "phones",
    "linkedin",
    "profiles",
    *SCALARS[2:],
    *TAG_COLUMNS.values(),
    "sources",
]


def _pages(team, ids=None):
    last = 0
    chosen = Candidate.objects.filter(team=team)
    if ids is not None:
        chosen = chosen.filter(pk__in=list(ids))
    while True:
        page = list(chosen.filter(pk__gt=last).order_by("pk").values("pk", "public_id", *SCALARS)[:PAGE])
        if not page:
            return
        last = page[-1]["pk"]
        yield page


def _records(team, ids=None):
    for page in _pages(team, ids):
        ids = [c["pk"] for c in page]
        related: dict[int, dict] = {
            i: {"emails": [], "phones": [], "profiles": [], "tags": {}, "sources": []} for i in ids
        }
        for cid, email in (
            CandidateEmail.objects.filter(candidate_id__in=ids)
            .order_by("-is_primary", "id")
            .values_list("candidate_id", "email")
        ):
            related[cid]["emails"].append(email)
        for cid, e164 in (
            CandidatePhone.objects.filter(candidate_id__in=ids)
            .order_by("id")
            .values_list("candidate_id", "e164")
        ):
            related[cid]["phones"].append(e164)
        for cid, kind, url in (
            CandidateProfile.objects.filter(candidate_id__in=ids)
            .order_by("id")
            .values_list("candidate_id", "kind", "url")
        ):
            related[cid]["profiles"].append({"kind": kind, "url": url})
        for cid, kind, label in (
            CandidateTag.objects.filter(candidate_id__in=ids)
            .order_by("id")
            .values_list("candidate_id", "kind", "label")
        ):
            related[cid]["tags"].setdefault(TAG_COLUMNS.get(kind, kind), []).append(label)
        for src in (
            CandidateSource.objects.filter(candidate_id__in=ids)
            .order_by("first_seen_at", "id")
            .values("candidate_id", "kind", "name", "job", "referrer", "external_id", "first_seen_at")
        ):
            cid = src.pop("candidate_id")
            src["first_seen_at"] = src["first_seen_at"].isoformat()
            related[cid]["sources"].append(src)
        for c in page:
            r = related[c["pk"]]
            record = {"id": str(c["public_id"])}
            for name in SCALARS:
                value = c[name]
                record[name] = value.isoformat() if hasattr(value, "isoformat") else value
            record["emails"] = r["emails"]
            record["phones"] = r["phones"]
            record["profiles"] = r["profiles"]
            for column in TAG_COLUMNS.values():
                record[column] = r["tags"].get(column, [])
            record["sources"] = r["sources"]
            yield record


def export_candidates(*, team, format: str, out, ids=None) -> int:
    """Write the team's candidates (only those whose primary keys are in ``ids`` when given) to ``out``."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use csv, xlsx or jsonl")
    count = 0
    if format == "jsonl":
        for record in _records(team, ids):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    if format == "xlsx":
        return _export_xlsx(team, out, ids)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in _flat_rows(team, ids):
        writer.writerow(csv_row(row))
        count += 1
    return count


def _export_xlsx(team, out, ids=None) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("candidates")
    sheet.append(CSV_COLUMNS)
    count = 0
    for row in _flat_rows(team, ids):
        sheet.append(xlsx_row(sheet, row))
        count += 1
    workbook.save(out)
    return count


def _flat_rows(team, ids=None):
    """The CSV columns of each candidate: lists joined with "; ", sources as one line of text."""
    for record in _records(team, ids):
        profiles = record["profiles"]
        flat = dict(record)
        flat["emails"] = "; ".join(record["emails"])
        flat["phones"] = "; ".join(record["phones"])
        flat["linkedin"] = "; ".join(p["url"] for p in profiles if p["kind"] == "linkedin")
        flat["profiles"] = "; ".join(p["url"] for p in profiles if p["kind"] != "linkedin")
        for column in TAG_COLUMNS.values():
            flat[column] = "; ".join(record[column])
        flat["custom_fields"] = (
            json.dumps(record["custom_fields"], ensure_ascii=False) if record["custom_fields"] else ""
        )
        flat["sources"] = "; ".join(
            f"{s['kind']}: {s['name']}"
            + (f" (job: {s['job']})" if s["job"] else "")
            + (f" (referred by {s['referrer']})" if s["referrer"] else "")
            + f" [{s['first_seen_at'][:10]}]"
            for s in record["sources"]
        )
        yield ["" if flat[c] is None else flat[c] for c in CSV_COLUMNS]
