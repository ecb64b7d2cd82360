"""Job family, specialty and seniority inferred from the title and headline (``vivier.pool.taxonomy``).

An inferred value is written where nobody stated one and recorded in ``Candidate.inferred``; a value that
differs from its record there was stated by a person or a file and is never replaced. Import, manual add,
edit and ``vivier pool reclassify`` all go through ``candidates_classify``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from vivier.lib.text import fold

from .. import taxonomy as tax
from ..models import Candidate, CandidateTag, JobFamily, Seniority

JOB = CandidateTag.Kind.JOB_FAMILY
_SLICE = 900  # ids per query: under SQLite's 999 bound parameters


def seniority_from_years(years: int | None) -> int | None:
    """A level when the title names none but the years of experience are known."""
    if years is None:
        return None
    if years < 2:
        return int(Seniority.JUNIOR)
    if years < 5:
        return int(Seniority.MID)
    return int(Seniority.SENIOR)


def team_taxonomy(team_id: int) -> tax.Taxonomy:
    """The shipped taxonomy plus the team's own families and synonyms (``JobFamily``)."""
    rows = list(
        JobFamily.objects.filter(team_id=team_id)
        .order_by("id")
        .values_list("tag", "name_en", "name_fr", "synonyms", "updated_at")
    )
    if not rows:
        return tax.default()
    key = (team_id, tuple((tag, en, fr, tuple(syn), at.isoformat()) for tag, en, fr, syn, at in rows))
    cached = _team_cache.get(team_id)
    if cached and cached[0] == key:
        return cached[1]
    document = tax.document()
    families = [dict(f) for f in document["families"]]
    by_tag = {fold(f["tag"]): f for f in families}
    for tag, name_en, name_fr, synonyms, _at in rows:
        family = by_tag.get(tag)
        if family is None:
            family = {"tag": tag, "name": {"en": name_en or tag, "fr": name_fr or name_en or tag}}
            families.append(family)
            by_tag[tag] = family
        family["synonyms"] = [*family.get("synonyms", ()), *synonyms]
    built = tax.build({**document, "families": families})
    _team_cache[team_id] = (key, built)
    return built


_team_cache: dict[int, tuple[tuple, tax.Taxonomy]] = {}


def job_label(tag: str, language: str, team_id: int | None = None) -> str | None:
    """A job tag value's name in the reader's language, None when the taxonomy does not know it."""
    taxonomy = team_taxonomy(team_id) if team_id else tax.default()
    return taxonomy.label(tag, language)


def _inferred(taxonomy: tax.Taxonomy, title: str, headline: str) -> tax.Inferred:
    if taxonomy is tax.default():
        return tax.infer(title or None, headline or None)
    return taxonomy.infer(title or None, headline or None)


def row_inferred(taxonomy: tax.Taxonomy, scalars: dict, has_job: bool) -> dict | None:
    """What inference adds to an import row that states ``scalars`` (and job tags when ``has_job``): the
    record ``Candidate.inferred`` keeps, None when nothing. The importer writes it with a new candidate
    made of that row alone; ``candidates_classify`` gives the same for any other."""
    title, headline = scalars.get("current_title"), scalars.get("headline")
    if not title and not headline and "years_experience" not in scalars:
        return None
    got = _inferred(taxonomy, title or "", headline or "")
    record: dict = {}
    years = scalars.get("years_experience")
    if years is None and got.years is not None:
        years = record["years_experience"] = got.years
    if scalars.get("seniority") is None:
        level = got.seniority if got.seniority is not None else seniority_from_years(years)
        if level is not None:
            record["seniority"] = level
    if not has_job and got.job_tags:
        record["job"] = got.job_tags
    if record:
        record["version"] = taxonomy.version
    return record or None


@transaction.atomic
def candidates_classify(*, team_id: int, ids: Iterable[int] | None = None) -> int:
    """Infer job family, specialty, seniority and years for these candidates of the team (all when ``ids``
    is None). Only empty or previously inferred values change. Returns how many candidates changed.

    1. Read title, headline, seniority, years, the record of what was inferred, and the job tags.
    2. Infer from title then headline; a level from the years when no word names one.
    3. Write the changed columns, drop job tags no longer inferred, add the new ones.
    """
    taxonomy = team_taxonomy(team_id)
    base = Candidate.objects.filter(team_id=team_id)
    if ids is None:
        id_list = list(base.order_by("id").values_list("id", flat=True))
    else:
        id_list = sorted(set(ids))
    changed = 0
    for start in range(0, len(id_list), _SLICE):
        changed += _classify_slice(taxonomy, team_id, id_list[start : start + _SLICE])
    return changed


def _classify_slice(taxonomy: tax.Taxonomy, team_id: int, ids: list[int]) -> int:
    rows = Candidate.objects.filter(team_id=team_id, id__in=ids).values_list(
        "id", "current_title", "headline", "seniority", "years_experience", "inferred"
    )
    tags: dict[int, set[str]] = {}
    for cid, value in CandidateTag.objects.filter(candidate_id__in=ids, kind=JOB).values_list(
        "candidate_id", "value"
    ):
        tags.setdefault(cid, set()).add(value)
    updates: list[tuple[int, dict]] = []
    drop: list[tuple[int, str]] = []
    add: list[CandidateTag] = []
    for cid, title, headline, seniority, years, record in rows:
        record = record if isinstance(record, dict) else {}
        got = _inferred(taxonomy, title, headline)
        stated_by_people = set(record.get("stated", ()))  # edited by a person, emptied included
        new_record: dict = {"stated": sorted(stated_by_people)} if stated_by_people else {}
        changes: dict = {}

        # years: stated when it differs from what was inferred
        if "years_experience" in stated_by_people:
            pass
        elif years is None or years == record.get("years_experience"):
            if got.years != years:
                changes["years_experience"] = got.years
            years = got.years
            if got.years is not None:
                new_record["years_experience"] = got.years
        level = got.seniority if got.seniority is not None else seniority_from_years(years)
        if "seniority" not in stated_by_people and (
            seniority is None or seniority == record.get("seniority")
        ):
            if level != seniority:
                changes["seniority"] = level
            if level is not None:
                new_record["seniority"] = level

        current = tags.get(cid, set())
        was = set(record.get("job", ()))
        stated = current - was
        wanted = [] if stated or "job" in stated_by_people else got.job_tags
        for value in sorted((current & was) - set(wanted)):
            drop.append((cid, value))
        for value in wanted:
            if value not in current:
                label = taxonomy.label(value, "en") or value
                add.append(
                    CandidateTag(team_id=team_id, candidate_id=cid, kind=JOB, value=value, label=label)
                )
        if wanted:
            new_record["job"] = list(wanted)
        if new_record.keys() - {"stated"}:
            new_record["version"] = taxonomy.version
        if (new_record or None) != (record or None):
            changes["inferred"] = new_record or None
        if changes:
            updates.append((cid, changes))
    if updates:
        from ..importing.bulk import update_many

        update_many(Candidate, updates)
    for cid, value in drop:
        CandidateTag.objects.filter(candidate_id=cid, kind=JOB, value=value).delete()
    if add:
        CandidateTag.objects.bulk_create(add, ignore_conflicts=True)
    return len({cid for cid, _ in updates} | {cid for cid, _ in drop} | {t.candidate_id for t in add})


def job_family_add(
    *, team, tag: str, name_en: str = "", name_fr: str = "", synonyms: Iterable[str] = ()
) -> JobFamily:
    """Add a team's own job family, or synonyms to one (a shipped family's tag adds to the shipped one).
    Candidates are not reclassified here: ``vivier pool reclassify`` does it when the team is ready."""
    key = fold(tag).strip()[:100]
    if not key:
        raise ValueError("give the family a tag")
    words = [s.strip() for s in synonyms if s and s.strip()]
    family, _created = JobFamily.objects.get_or_create(team=team, tag=key)
    family.name_en = name_en.strip()[:100] or family.name_en
    family.name_fr = name_fr.strip()[:100] or family.name_fr
    family.synonyms = [*family.synonyms, *(w for w in words if w not in family.synonyms)]
    family.save()
    return family
