"""The import's speed-ups must not change what it does: the forked reading process gives the same import as
reading in-process, its failures surface, and imported rows get well-formed time-ordered public ids."""

import datetime
import uuid

import pytest
from django.db import connection

from vivier.pool import importing
from vivier.pool.importing import import_run
from vivier.pool.importing.bulk import db_uuid7s
from vivier.pool.models import Candidate, DuplicateReview, TimelineEvent

MESSY = [
    "Prénom;Nom;E-mail;Téléphone;Ville;Poste;Entreprise;Compétences;LinkedIn;Source;Date de candidature;Commentaire",
    "Hélène;Dupré;helene.dupre@exemple.fr;06 12 34 56 78;Lyon;Infirmière;CHU de Lyon;soins, urgences;;Indeed;"
    "01/03/2024;",
    "Hélène;DUPRÉ;  HELENE.DUPRE@EXEMPLE.FR ; h.pro@chu.fr;;Lyon;Cadre de santé;CHU de Lyon;bloc;;;;",
    "Marc;Petit;;+33 6 98 76 54 32;Paris;Cariste;Geodis;caces 3;linkedin.com/in/marc-petit/;Salon;;"
    '"Vu au salon.\nRappeler en septembre; très motivé"',
    "Marc;Petit;marc@exemple.fr;0033 6 98 76 54 32;;;;;;;;",
    "Sans;Identité;;;Nantes;;;;;;;",
    "Trop;De;Colonnes;x@example.fr;0601020304;Paris;a;b;c;d;e;f;g;h",
    "Prenom;Nom;prenom.nom@@exemple;;;;;;;;;",
    "Marie;Martin;marie.martin@exemple.fr;06.11.22.33.44;Lyon;Comptable;Alan;excel;;;;",
    "Marie;Martin;marie.martin2@exemple.fr;07 11 22 33 44;LYON;Comptable;Qonto;paie;;;;",
    "James;Smith;james@example.co.uk;+44 7700 900123;London;Nurse;NHS;;https://www.linkedin.com/in/jsmith;;;",
    "Jim;Smith;;;London;Nurse;NHS;;http://uk.linkedin.com/in/JSMITH/?trk=x;;;",
    "Zoé;Nguyen;zoe@exemple.fr;06 00 00 00 01;Rennes;UX Designer;Doctolib;figma;;;;",
    "Zoé;Nguyen;zoe.bis@exemple.fr;06 00 00 00 01;Rennes;Product Manager;Doctolib;;;;;",
]


def snapshot(team) -> dict:
    """Everything an import writes for a team, without ids and times."""
    out = {}
    for c in Candidate.objects.filter(team=team).prefetch_related(
        "emails", "phones", "profiles", "tags", "sources", "timeline"
    ):
        key = min(
            [e.email for e in c.emails.all()]
            + [p.e164 for p in c.phones.all()]
            + [p.url for p in c.profiles.all()]
        )
        out[key] = (
            c.first_name,
            c.last_name,
            c.current_title,
            c.current_company,
            c.city,
            c.latitude,
            c.longitude,
            c.name_key,
            c.search_text,
            c.facets or 0,
            sorted((e.email, e.is_primary) for e in c.emails.all()),
            sorted((p.e164, p.raw) for p in c.phones.all()),
            sorted((p.kind, p.url) for p in c.profiles.all()),
            sorted((t.kind, t.value, t.label) for t in c.tags.all()),
            sorted((s.kind, s.name) for s in c.sources.all()),
            sorted((e.kind, e.text, str(e.params)) for e in c.timeline.all()),
        )
    return out


@pytest.mark.parametrize("chunk", [3, 5000])
def test_the_forked_reader_imports_exactly_what_reading_in_process_imports(
    team, other_team, tmp_path, monkeypatch, chunk
):
    path = tmp_path / "messy.csv"
    path.write_text("\r\n".join(MESSY) + "\r\n", encoding="utf-8")
    monkeypatch.setattr(importing.run, "CHUNK", chunk)
    monkeypatch.setattr(importing.reader, "_BATCH", 2)  # several messages from the child

    monkeypatch.setattr(importing.reader, "FORK_MIN_BYTES", 10**12)
    in_process = import_run(team=team, paths=[path])
    monkeypatch.setattr(importing.reader, "FORK_MIN_BYTES", 0)
    forked = import_run(team=other_team, paths=[path])

    assert forked.as_dict() == in_process.as_dict()
    assert (forked.created, forked.merged) == (6, 4)
    assert [e["row"] for e in forked.errors if "imported" not in e["message"]] == [6, 7, 8]
    assert snapshot(other_team) == snapshot(team)
    assert (
        DuplicateReview.objects.filter(team=other_team).count()
        == DuplicateReview.objects.filter(team=team).count()
        == 1
    )
    again = import_run(team=other_team, paths=[path])
    assert (again.created, again.merged) == (0, 0)


def test_a_failure_in_the_reading_process_stops_the_import_with_its_traceback(team, tmp_path, monkeypatch):
    path = tmp_path / "boom.csv"
    path.write_text("\r\n".join(MESSY) + "\r\n", encoding="utf-8")
    monkeypatch.setattr(importing.reader, "FORK_MIN_BYTES", 0)

    def explode(self, number, cells):
        raise KeyError("boom in the reader")

    monkeypatch.setattr(importing.rows.RowNormalizer, "__call__", explode)
    with pytest.raises(RuntimeError, match="boom in the reader"):
        import_run(team=team, paths=[path])
    assert not Candidate.objects.filter(team=team).exists()


def test_imported_rows_get_time_ordered_version_7_public_ids(team, tmp_path, monkeypatch):
    ids = [uuid.UUID(hex=str(v)) if not isinstance(v, uuid.UUID) else v for v in db_uuid7s(10_000)]
    ids += [uuid.UUID(hex=str(v)) if not isinstance(v, uuid.UUID) else v for v in db_uuid7s(3)]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in ids)
    assert ids == sorted(ids, key=lambda u: u.int) and len(set(ids)) == len(ids)  # monotonic past 4096 a ms

    path = tmp_path / "two.csv"
    path.write_text("Email\na@example.fr\nb@example.fr\n", encoding="utf-8")
    import_run(team=team, paths=[path])
    assert {c.public_id.version for c in Candidate.objects.filter(team=team)} == {7}
    assert {e.public_id.version for e in TimelineEvent.objects.filter(team=team)} == {7}


@pytest.mark.parametrize("chunk", [3, 5000])
def test_new_candidates_written_straight_from_their_row_are_those_the_merge_engine_writes(
    team, other_team, tmp_path, monkeypatch, chunk
):
    """``Engine.solo``: a lone new row is written without a ``_State``; with it off, the same rows go through
    ``_State`` (``_apply``) and the general write. Both must import the same, kept values, sources and timeline included."""
    from vivier.pool.importing import engine

    path = tmp_path / "messy.csv"
    extra = [
        "Léa;Roux;lea.roux@exemple.fr;;Nantes;Data engineer;Alan;Python, SQL;;Cooptation;15/02/2024;"
        "Vue au meetup",
        "Léa;Roux;lea.roux@exemple.fr;;Nantes;Data engineer;Alan;Python, SQL;;Cooptation;15/02/2024;"
        "Vue au meetup",
    ]
    path.write_text("\r\n".join(MESSY + extra) + "\r\n", encoding="utf-8")
    monkeypatch.setattr(importing.run, "CHUNK", chunk)
    monkeypatch.setattr(engine.Engine, "solo", False)
    general = import_run(team=team, paths=[path])
    monkeypatch.setattr(engine.Engine, "solo", True)
    straight = import_run(team=other_team, paths=[path])

    assert straight.as_dict() == general.as_dict()
    assert snapshot(other_team) == snapshot(team)
    assert (
        DuplicateReview.objects.filter(team=other_team).count()
        == DuplicateReview.objects.filter(team=team).count()
        == 1
    )
    lea = Candidate.objects.get(team=other_team, emails__email="lea.roux@exemple.fr")
    imported = lea.timeline.get(kind=TimelineEvent.Kind.IMPORTED)
    assert imported.params["kept"] == [["note", "Vue au meetup"]] and imported.params["file"] == "messy.csv"
    assert lea.search_text and lea.name_key == "lea roux" and lea.latitude is not None


RICH = [
    "Prénom;Nom;E-mail;Téléphone;LinkedIn;Site;Ville;Pays;Poste;Entreprise;Compétences;Langues;Type de contrat;"
    "Télétravail;Mobilité;Disponibilité;Préavis;Salaire;Années d'expérience;Séniorité;Langue;Source;Origine;"
    "Coopté par;Poste visé;ID;Date de candidature;Commentaire;Pointure",
    "Hélène;Dupré;helene@exemple.fr, h.pro@chu.fr;06 12 34 56 78 / +44 7700 900123;linkedin.com/in/helene-d/;"
    "https://github.com/hdupre;Lyon;France;Infirmière;CHU de Lyon;soins, urgences;Anglais, Allemand;CDI ou CDD;"
    "hybride;oui;01/09/2025;2 mois;45k€;7;senior;en;Cooptation;referral;Marc Petit;Infirmière de bloc;A-17;"
    "01/03/2024;Vue au salon;42",
    "Marc;Petit;marc@exemple.fr;;;;Paris;;Cariste;Geodis;caces 3;Français;intérim;non;non;;aucun;"
    "500 €/jour;x;junior;fr;;;;;;;;",
    "Zoé;Nguyen;zoe@exemple.fr;0033 6 00 00 00 01;;;Brest;FR;UX Designer;Doctolib;figma;chinese;freelance;"
    "full remote;;2025-10-01;;beaucoup;;;;LinkedIn;;;;B-2;2024-01-15;;",
    "Sans;Email;;07 11 22 33 44;;;Nowhere-sur-Mer;Pays-Bas;;;;;;;;demain;;;;;;Salon;;;;;;;",
]


def table_dump(team) -> dict:
    """Every column of every row an import writes for a team, but ids (the candidate's given by its first
    email, phone or profile)."""
    from vivier.pool.models import (
        CandidateEmail,
        CandidatePhone,
        CandidateProfile,
        CandidateSource,
        CandidateTag,
    )

    candidates = {
        c.pk: min(
            [e.email for e in c.emails.all()]
            + [p.e164 for p in c.phones.all()]
            + [p.url for p in c.profiles.all()]
        )
        for c in Candidate.objects.filter(team=team).prefetch_related("emails", "phones", "profiles")
    }
    out = {}
    for model in (
        Candidate,
        CandidateEmail,
        CandidatePhone,
        CandidateProfile,
        CandidateTag,
        CandidateSource,
        TimelineEvent,
    ):
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in ("public_id", "team_id")]
        rows = []
        for row in (
            model.objects.filter(**({"team": team} if model is Candidate else {"candidate__team": team}))
            .order_by("id")
            .values(*names)
        ):
            cid = row.pop("id") if model is Candidate else row.pop("candidate_id")
            row.pop("id", None)
            rows.append((candidates[cid], sorted(row.items(), key=str)))
        out[model.__name__] = sorted(rows, key=str)
    return out


@pytest.mark.parametrize("chunk", [2, 5000])
def test_every_column_of_a_candidate_written_straight_from_its_row_is_what_the_merge_engine_writes(
    team, other_team, tmp_path, monkeypatch, chunk
):
    """The straight write of a lone new row (``Engine.prepare`` in the reading process, ``_solo_rows`` here) and
    the general one (``_State``) give the same rows, column by column, for rows using every field, forked or
    not."""
    import time_machine

    from vivier.pool.importing import engine

    path = tmp_path / "rich.csv"
    path.write_text("\r\n".join(RICH) + "\r\n", encoding="utf-8")
    monkeypatch.setattr(importing.run, "CHUNK", chunk)
    with time_machine.travel(datetime.datetime(2025, 6, 1, 9, 30, tzinfo=datetime.UTC), tick=False):
        monkeypatch.setattr(engine.Engine, "solo", False)
        monkeypatch.setattr(importing.reader, "FORK_MIN_BYTES", 10**12)
        general = import_run(team=team, paths=[path])
        monkeypatch.setattr(engine.Engine, "solo", True)
        monkeypatch.setattr(importing.reader, "FORK_MIN_BYTES", 0)
        straight = import_run(team=other_team, paths=[path])

    assert straight.as_dict() == general.as_dict() and general.created == 4
    dump = table_dump(other_team)
    assert dump == table_dump(team)
    helene = dict(next(row for key, row in dump["Candidate"] if key == "+33612345678"))
    assert helene["available_from"] == datetime.date(2025, 9, 1) and helene["salary_amount"] == 45000
    assert helene["facets"] and helene["source_bits"] and helene["latitude"]
    assert (
        len(dump["CandidateTag"]) == 15  # 12 from the file, 3 job families inferred from the titles
        and len(dump["CandidateEmail"]) == 4
        and len(dump["CandidatePhone"]) == 4
    )
    assert len(dump["CandidateProfile"]) == 2
    assert {dict(row)["first_seen_at"].date() for _, row in dump["CandidateSource"]} == {
        datetime.date(2024, 3, 1),
        datetime.date(2024, 1, 15),
        datetime.date(2025, 6, 1),
    }


@pytest.mark.parametrize("per_statement", [1, 2, 500])
def test_the_bulk_inserter_writes_what_the_orm_writes(team, monkeypatch, per_statement):
    """``Inserter``: on SQLite several rows per statement with the defaults as literals (a remainder statement
    included); any backend: every column the file does not give gets the model's default."""
    from django.db import IntegrityError, connection, transaction

    from vivier.pool.importing import bulk
    from vivier.pool.models import CandidateEmail

    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", per_statement)
    inserter = bulk.Inserter(
        Candidate, ["id", "public_id", "team_id", "first_name", "created_at", "updated_at"]
    )
    ids = bulk.allocate_ids(Candidate, 5)
    at = bulk.db_datetime(datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    inserter.insert(
        [
            (cid, pid, team.pk, f"C'{i}%s", at, at)
            for i, (cid, pid) in enumerate(zip(ids, bulk.db_uuid7s(5), strict=True))
        ]
    )
    orm = Candidate.objects.create(team=team, first_name="orm")
    fields = [
        f.attname
        for f in Candidate._meta.concrete_fields
        if f.attname not in ("id", "public_id", "first_name", "created_at", "updated_at", "search_text")
    ]
    for i, candidate in enumerate(Candidate.objects.filter(id__in=ids).order_by("id")):
        assert candidate.first_name == f"C'{i}%s"
        assert [getattr(candidate, f) for f in fields] == [getattr(orm, f) for f in fields]
    emails = bulk.Inserter(CandidateEmail, ["team_id", "candidate_id", "email", "is_primary", "created_at"])
    with pytest.raises(IntegrityError), transaction.atomic():  # Django's error, as the engine's retry expects
        emails.insert(
            [(team.pk, ids[0], "a@example.fr", True, at), (team.pk, ids[1], "a@example.fr", True, at)]
        )
    # Rows end to end with the values common to all of them apart (the import's child rows)
    flat = bulk.Inserter(
        CandidateEmail, ["candidate_id", "email", "is_primary"], constants=["team_id", "created_at"]
    )
    flat.insert_flat(
        [ids[0], "b'%s@example.fr", True, ids[0], "c@example.fr", False, ids[1], "d@example.fr", True],
        (team.pk, at),
    )
    assert sorted(
        CandidateEmail.objects.filter(candidate_id__in=ids).values_list(
            "team_id", "candidate_id", "email", "is_primary", "created_at", "invalid_reason"
        )
    ) == [
        (team.pk, ids[0], "b'%s@example.fr", True, datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC), ""),
        (team.pk, ids[0], "c@example.fr", False, datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC), ""),
        (team.pk, ids[1], "d@example.fr", True, datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC), ""),
    ]
    with pytest.raises(ValueError):  # a row cut short
        flat.insert_flat([ids[2], "e@example.fr"], (team.pk, at))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for value in ["it's 100%", "%s", "", "{}", True, 7, None]:
                cursor.execute("SELECT " + bulk.sqlite_literal(value))
                assert cursor.fetchone()[0] == (int(value) if isinstance(value, bool) else value)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY")
def test_postgresql_writes_the_rows_with_copy_unless_conflicts_are_skipped(team, monkeypatch):
    """One COPY per call instead of an INSERT per row; ``ignore_conflicts`` keeps INSERT ... ON CONFLICT."""
    from django.db.backends.utils import CursorWrapper

    from vivier.pool.importing import bulk
    from vivier.pool.models import CandidateTag

    def no_executemany(*args, **kwargs):
        raise AssertionError("executemany: a row-by-row INSERT")

    inserter = bulk.Inserter(CandidateTag, ["candidate_id", "kind", "value", "label"], constants=["team_id"])
    assert inserter.copy_sql.startswith('COPY "pool_candidatetag" (')
    assert (
        bulk.Inserter(
            CandidateTag, ["candidate_id", "kind", "value", "label", "team_id"], ignore_conflicts=True
        ).copy_sql
        is None
    )
    candidate = Candidate.objects.create(team=team, first_name="Copy")
    monkeypatch.setattr(CursorWrapper, "executemany", no_executemany)
    inserter.insert_flat(
        [
            candidate.pk,
            "skill",
            "c",
            "C",
            candidate.pk,
            "skill",
            "tab\there",
            "Tab\tHere",
            candidate.pk,
            "tag",
            "new\nline",
            "Quote ' \" \\N",
        ],
        (team.pk,),
    )
    assert sorted(CandidateTag.objects.filter(candidate=candidate).values_list("value", "label")) == [
        ("c", "C"),
        ("new\nline", "Quote ' \" \\N"),
        ("tab\there", "Tab\tHere"),
    ]


def test_possible_duplicates_are_queued_once_and_a_decided_pair_stays_decided(team, monkeypatch):
    """``dedupe.duplicates_queue`` writes its reviews without model instances (``INSERT ... ignore conflicts``)."""
    from vivier.pool import dedupe
    from vivier.pool.importing import bulk

    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", 2)
    people = [
        Candidate.objects.create(
            team=team,
            first_name="Marie",
            last_name="Martin",
            name_key="marie martin",
            city=city,
            current_company=company,
        )
        for city, company in [("Lyon", "Alan"), ("LYON", ""), ("Paris", "alan"), ("Nantes", "Qonto")]
    ]
    a, b, c, d = people
    dismissed = DuplicateReview.objects.create(
        team=team,
        first=a,
        second=c,
        reason="same name",
        status=DuplicateReview.Status.DISMISSED,
        created_at=a.created_at,
    )
    assert dedupe.duplicates_queue(team_id=team.pk, candidate_ids=[a.pk, b.pk, c.pk, d.pk]) == 2
    assert dedupe.duplicates_queue(team_id=team.pk, candidate_ids=[a.pk, b.pk]) == 2  # nothing new written
    reviews = {(r.first_id, r.second_id): r for r in DuplicateReview.objects.filter(team=team)}
    assert set(reviews) == {(a.pk, b.pk), (a.pk, c.pk)}
    assert reviews[(a.pk, b.pk)].reason == "same name and city (LYON)"
    assert reviews[(a.pk, b.pk)].status == DuplicateReview.Status.OPEN and reviews[(a.pk, b.pk)].created_at
    assert reviews[(a.pk, b.pk)].public_id.version == 7
    assert (
        reviews[(a.pk, c.pk)] == dismissed
        and reviews[(a.pk, c.pk)].status == DuplicateReview.Status.DISMISSED
    )


@pytest.mark.parametrize("names_at_once", [1, 2, 2000])
def test_the_possible_duplicate_check_finds_the_pairs_a_check_of_every_same_name_pair_finds(
    team, monkeypatch, names_at_once
):
    """``duplicates_queue`` meets only the same-name candidates sharing a company or city (grouped by folded
    value); the plain pairwise check (``same_place_or_company`` over every same-name candidate in id order,
    at most ``MAX_REVIEWS_PER_CANDIDATE`` per subject) must give the same reviews and reasons."""
    import random

    from vivier.lib.text import fold
    from vivier.pool import dedupe

    monkeypatch.setattr(dedupe, "_NAMES_AT_ONCE", names_at_once)
    rng = random.Random(5)
    people = Candidate.objects.bulk_create(
        [
            Candidate(
                team=team,
                first_name="x",
                name_key=rng.choice(["marie martin", "jean roux", "ali ben"]),
                current_company=rng.choice(["", "Alan", "ALAN", "Qonto", "Doctolib"]),
                city=rng.choice(["", "Lyon", "LYON", "Paris", "Évry", "EVRY"]),
            )
            for _ in range(300)
        ]
    )
    people = list(
        Candidate.objects.filter(team=team).order_by("id").values("id", "name_key", "current_company", "city")
    )
    expected: dict[tuple[int, int], str] = {}
    for subject in people:
        if not subject["current_company"] and not subject["city"]:
            continue
        opened = 0
        for other in people:
            if other["id"] == subject["id"] or other["name_key"] != subject["name_key"]:
                continue
            if not other["current_company"] and not other["city"]:
                continue
            reason = dedupe.same_place_or_company(
                {"current_company": subject["current_company"], "city": subject["city"]},
                {"current_company": other["current_company"], "city": other["city"]},
            )
            if not reason:
                continue
            expected.setdefault(tuple(sorted((subject["id"], other["id"]))), reason)
            opened += 1
            if opened >= dedupe.MAX_REVIEWS_PER_CANDIDATE:
                break
    assert fold("ÉVRY") == fold("evry")
    assert dedupe.duplicates_queue(team_id=team.pk, subjects=people) == len(expected) > 100
    got = {
        (r.first_id, r.second_id): r.reason for r in DuplicateReview.objects.filter(team=team).order_by("id")
    }
    assert list(got.items()) == list(expected.items())  # written in the order found, subject by subject


def test_with_a_reading_process_the_writing_one_never_looks_up_a_place(team, tmp_path, monkeypatch):
    """The gazetteer is loaded by the reading process (``RowNormalizer.preload``), which sends coordinates."""
    from vivier.pool.importing import rows

    path = tmp_path / "messy.csv"
    path.write_text("\r\n".join(MESSY) + "\r\n", encoding="utf-8")
    monkeypatch.setattr(importing.reader, "FORK_MIN_BYTES", 0)
    rows.coordinates.cache_clear()
    import_run(team=team, paths=[path])
    assert rows.coordinates.cache_info().currsize == 0
    assert Candidate.objects.get(team=team, emails__email="zoe@exemple.fr").latitude is not None


def test_the_first_chunk_is_small_so_that_writing_starts_early(team, tmp_path, monkeypatch):
    from vivier.pool.importing import engine

    path = tmp_path / "many.csv"
    path.write_text("Email\n" + "".join(f"p{i}@example.fr\n" for i in range(11)), encoding="utf-8")
    monkeypatch.setattr(importing.run, "CHUNK", 4)
    monkeypatch.setattr(importing.run, "FIRST_CHUNK", 2)
    sizes = []
    real_process = engine.Engine.process
    monkeypatch.setattr(
        engine.Engine, "process", lambda self, chunk: sizes.append(len(chunk)) or real_process(self, chunk)
    )
    assert import_run(team=team, paths=[path]).created == 11
    assert sizes == [2, 4, 4, 1]


def test_what_a_merge_loads_from_the_pool_keeps_a_second_import_of_a_changed_file_from_writing_again(
    team, tmp_path
):
    """``Engine._load`` (plain SQL): emails primary first, tags, sources, and the conflicts and kept values
    already on the timeline come back from the pool, so importing a changed file twice writes once."""
    from vivier.pool.models import CandidateEmail, CandidateSource, CandidateTag

    first = tmp_path / "first.csv"
    first.write_text(
        "Email;Poste;Compétences;Source;Notes;Couleur\n"
        "a@example.fr, a.alt@example.fr;Nurse;soins;Salon;vu au salon;bleu\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.csv"
    second.write_text(
        "Email;Poste;Compétences;Source;Notes;Couleur\n"
        "A.ALT@example.fr;Doctor;Soins, urgences;salon;vu au salon;vert\n",
        encoding="utf-8",
    )
    import_run(team=team, paths=[first])
    merged = import_run(team=team, paths=[second])
    assert (merged.created, merged.merged) == (0, 1)
    candidate = Candidate.objects.get(team=team)
    events = candidate.timeline.count()
    assert candidate.timeline.filter(kind=TimelineEvent.Kind.CONFLICT).count() == 1
    again = import_run(team=team, paths=[second])
    assert (again.created, again.merged, again.unchanged) == (0, 0, 1)
    assert candidate.timeline.count() == events
    assert list(
        CandidateEmail.objects.filter(candidate=candidate)
        .order_by("-is_primary", "id")
        .values_list("email", flat=True)
    ) == ["a@example.fr", "a.alt@example.fr"]
    assert sorted(CandidateTag.objects.filter(candidate=candidate).values_list("value", flat=True)) == [
        "nursing and care",  # inferred from "Nurse"
        "soins",
        "urgences",
    ]
    assert CandidateSource.objects.filter(candidate=candidate).count() == 1


@pytest.mark.parametrize("chunk", [1, 5000])
def test_rows_of_a_chunk_reaching_one_candidate_by_different_keys_apply_in_file_order(
    team, tmp_path, monkeypatch, chunk
):
    """Rows 2 and 4 share a phone, row 3 has the email: two groups of one chunk, one pool candidate. Row 3
    fills the company first, as it would in chunks of one row; row 4's company is a conflict."""
    monkeypatch.setattr(importing.run, "CHUNK", chunk)
    first = tmp_path / "first.csv"
    first.write_text("Email;Téléphone\nmax@example.fr;06 01 57 58 94\n", encoding="utf-8")
    later = tmp_path / "later.csv"
    later.write_text(
        "Email;Téléphone;Entreprise;Compétences\n"
        ";06 01 57 58 94;;java\n"
        "max@example.fr;;Qonto;figma\n"
        ";0033 6 01 57 58 94;Alan;wms\n",
        encoding="utf-8",
    )
    import_run(team=team, paths=[first])
    report = import_run(team=team, paths=[later])
    assert (report.created, report.merged) == (0, 3)
    candidate = Candidate.objects.get(team=team)
    assert candidate.current_company == "Qonto"
    assert list(candidate.tags.order_by("id").values_list("value", flat=True)) == ["java", "figma", "wms"]
    conflict = candidate.timeline.get(kind=TimelineEvent.Kind.CONFLICT)
    assert conflict.params["incoming"] == "Alan" and conflict.params["row"] == 4


def test_the_collector_sleeps_during_an_import_but_garbage_cycles_go_between_chunks(
    team, tmp_path, monkeypatch
):
    """``_quiet_gc``: no automatic collection while importing (it kept scanning the rows waiting to be written),
    a collection after each chunk instead, and the collector as it was afterwards."""
    import gc
    import weakref

    from vivier.pool.importing import engine

    class Cycle:
        pass

    path = tmp_path / "many.csv"
    path.write_text("Email\n" + "".join(f"p{i}@example.fr\n" for i in range(6)), encoding="utf-8")
    monkeypatch.setattr(importing.run, "CHUNK", 2)
    monkeypatch.setattr(importing.run, "FIRST_CHUNK", 2)
    seen = []  # (automatic collection on?, was the previous chunk's cycle collected?)
    cycles = []
    real_process = engine.Engine.process

    def process(self, chunk):
        seen.append((gc.isenabled(), bool(cycles) and cycles[-1]() is None))
        garbage = Cycle()
        garbage.itself = garbage  # a reference cycle, freed only by the collector
        cycles.append(weakref.ref(garbage))
        del garbage
        return real_process(self, chunk)

    monkeypatch.setattr(engine.Engine, "process", process)
    assert gc.isenabled()
    import_run(team=team, paths=[path])
    assert seen == [(False, False), (False, True), (False, True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_fast_readings_of_emails_phones_and_linkedin_urls_are_the_normalizers_readings():
    """``rows.clean_email``, ``clean_phone`` and ``clean_url`` skip the general normalizers for the common forms;
    every form, common or not, must read as ``vivier.lib.normalize`` reads it."""
    from vivier.lib.normalize import InvalidValue, canonical_url, normalize_email, normalize_phone
    from vivier.pool.importing import rows

    def same(fast, slow, value, *args):
        try:
            expected = slow(value, *args)
        except InvalidValue:
            with pytest.raises(InvalidValue):
                fast(value, *args)
            return
        assert fast(value, *args) == expected, value

    urls = [
        "linkedin.com/in/julie-martin-1a2b3c/",
        "https://www.linkedin.com/in/Julie-Martin",
        "http://fr.linkedin.com/in/JULIE_M/?trk=x",
        "HTTPS://WWW.LINKEDIN.COM/in/julie",
        "www.linkedin.com/pub/jm-12/3/4a/",
        "linkedin.com/IN/julie",
        "linkedin.com/in/julie%C3%A9",
        "linkedin.com/in/julié",
        "linkedin.com/in/ju lie",
        " linkedin.com/in/julie ",
        "linkedin.com/company/acme",
        "https://uk.linkedin.com/in/jsmith#about",
        "ftp://linkedin.com/in/x",
        "https://linkedin.com:443/in/julie",
        "https://user@linkedin.com/in/julie",
        "notlinkedin.com/in/julie",
        "https://github.com/JMartin",
        "exemple.fr/cv",
        "linkedin.com/in/julie?a=b c",
    ]
    for url in urls:
        rows.clean_url.cache_clear()
        same(rows.clean_url, canonical_url, url)
    for email in [
        "a@b.fr",
        " A.B@Exemple.FR ",
        "prenom.nom@@exemple",
        "é@exemple.fr",
        "x@localhost",
        "a..b@c.fr",
    ]:
        same(rows.clean_email, normalize_email, email)
    for phone in [
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "06.12.34.56.78",
        "+330612345678",
        "+44 7700 900123",
        "12",
        "0033612345678",
    ]:
        rows.clean_phone.cache_clear()
        same(rows.clean_phone, normalize_phone, phone, "FR")
