"""The job taxonomy applied to the pool: family, specialty and seniority inferred on import, manual add and
edit, marked as inferred, never over what a person or a file stated; ``vivier pool reclassify``; ``job:``
in French and English."""

import json
from pathlib import Path

from vivier.pool import services
from vivier.pool.importing import import_run
from vivier.pool.models import Candidate, Seniority
from vivier.pool.services import candidate_create, candidate_update, candidates_classify, job_family_add
from vivier.pool.tests.test_import_cli import vivier
from vivier.segments.selectors import count_members

FIXTURES = Path(__file__).parent / "fixtures"


def jobs(candidate):
    return sorted(candidate.tags.filter(kind="job").values_list("value", flat=True))


def test_an_imported_french_developer_gets_her_family_specialty_and_seniority(team):
    import_run(team=team, paths=[FIXTURES / "excel_fr_pool.csv"])
    elodie = Candidate.objects.get(team=team, first_name="Élodie")
    assert jobs(elodie) == ["backend", "software development"]
    assert (elodie.seniority, elodie.years_experience) == (Seniority.SENIOR, 8)
    assert elodie.inferred["job"] == ["software development", "backend"]
    assert elodie.inferred["seniority"] == Seniority.SENIOR
    assert "years_experience" not in elodie.inferred  # the file stated it
    thomas = Candidate.objects.get(team=team, first_name="Thomas")
    assert (jobs(thomas), thomas.seniority) == (["software development"], Seniority.INTERN)
    assert jobs(Candidate.objects.get(team=team, first_name="Julie")) == ["nursing and care"]
    assert jobs(Candidate.objects.get(team=team, first_name="Nadia")) == ["logistics and warehouse"]
    assert count_members(team=team, query="job:backend seniority>=senior") == 1
    assert count_members(team=team, query="job:développeur") == 3
    assert count_members(team=team, query="job:DEVELOPPEUSE") == 3
    assert count_members(team=team, query="job:Soins") == 1
    assert count_members(team=team, query="job:logistique OR job:nursing") == 2


def test_what_a_file_states_is_kept_and_replaces_an_inferred_value(team, tmp_path):
    stated = tmp_path / "stated.csv"
    stated.write_text(
        "Nom;Email;Poste;Séniorité;Famille de métier\n"
        "Ana Lopez;ana@example.fr;Développeuse backend senior;Junior;Data\n",
        encoding="utf-8",
    )
    import_run(team=team, paths=[stated])
    ana = Candidate.objects.get(team=team)
    assert (ana.seniority, jobs(ana)) == (Seniority.JUNIOR, ["data"])
    assert not (ana.inferred or {}).get("seniority") and not (ana.inferred or {}).get("job")

    inferred_first = tmp_path / "first.csv"
    inferred_first.write_text("Nom;Email;Poste\nBen Roy;ben@example.fr;Lead Dev\n", encoding="utf-8")
    import_run(team=team, paths=[inferred_first])
    assert Candidate.objects.get(team=team, emails__email="ben@example.fr").seniority == Seniority.LEAD
    later = tmp_path / "later.csv"
    later.write_text("Nom;Email;Seniority\nBen Roy;ben@example.fr;Senior\n", encoding="utf-8")
    import_run(team=team, paths=[later])
    ben = Candidate.objects.get(team=team, emails__email="ben@example.fr")
    assert ben.seniority == Seniority.SENIOR
    assert ben.timeline.filter(kind="conflict").count() == 0


def test_manual_add_and_edit_infer_but_never_override_a_person(team, alice):
    cleo = candidate_create(
        team=team, by=alice, first_name="Cléo", emails=["cleo@example.fr"], current_title="Infirmière DE"
    )
    assert jobs(cleo) == ["nursing and care"] and cleo.inferred["job"] == ["nursing and care"]
    candidate_update(candidate=cleo, by=alice, current_title="Dév. Python Sr")
    cleo.refresh_from_db()
    assert (jobs(cleo), cleo.seniority) == (["backend", "software development"], Seniority.SENIOR)
    candidate_update(candidate=cleo, by=alice, seniority=Seniority.LEAD)  # a person says so
    candidate_update(candidate=cleo, by=alice, current_title="Stagiaire développeur")
    cleo.refresh_from_db()
    assert cleo.seniority == Seniority.LEAD
    candidate_update(candidate=cleo, by=alice, tags={"job": ["Data"]})
    cleo.refresh_from_db()
    assert jobs(cleo) == ["data"]


def test_reclassify_changes_only_inferred_or_empty_values(team, alice, tmp_path):
    import_run(team=team, paths=[FIXTURES / "excel_fr_pool.csv"])
    Candidate.objects.filter(team=team).update(seniority=None, inferred=None)  # as before the taxonomy
    stated = Candidate.objects.get(team=team, first_name="Karim")
    Candidate.objects.filter(pk=stated.pk).update(seniority=Seniority.MID)  # stated by a person
    result = vivier_on(tmp_path, team, "pool", "reclassify", "--json")
    assert result["changed"] == 3  # Élodie, Thomas, Nadia: Karim is stated, Julie has no level
    assert Candidate.objects.get(pk=stated.pk).seniority == Seniority.MID
    assert Candidate.objects.get(team=team, first_name="Élodie").seniority == Seniority.SENIOR
    assert candidates_classify(team_id=team.pk) == 0  # nothing left to change


def vivier_on(tmp_path, team, *args):
    """Run the CLI in-process against the test database (the import tests run it as a child process)."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(*args, "--team", team.slug, stdout=out)
    return json.loads(out.getvalue())


def test_a_team_adds_its_own_family_and_reclassify_applies_it(team, other_team):
    for t in (team, other_team):
        candidate_create(team=t, first_name="Lou", emails=["lou@example.fr"], current_title="Brancardière")
    job_family_add(team=team, tag="nursing and care", synonyms=["brancardier", "brancardière"])
    job_family_add(
        team=team, tag="Sommellerie", name_en="Wine service", name_fr="Sommellerie", synonyms=["caviste"]
    )
    candidate_create(team=team, first_name="Max", emails=["max@example.fr"], current_title="Caviste")
    candidates_classify(team_id=team.pk)
    assert jobs(Candidate.objects.get(team=team, first_name="Lou")) == ["nursing and care"]
    assert jobs(Candidate.objects.get(team=team, first_name="Max")) == ["sommellerie"]
    assert jobs(Candidate.objects.get(team=other_team, first_name="Lou")) == []
    assert services.job_label("sommellerie", "en", team.pk) == "Wine service"
    assert services.job_label("software development", "fr", team.pk) == "Développement logiciel"


def test_the_segment_count_command_finds_the_imported_developers(tmp_path):
    imported = vivier(
        tmp_path,
        "import",
        str(FIXTURES / "excel_fr_pool.csv"),
        str(FIXTURES / "linkedin_Connections.csv"),
        "--json",
    )
    assert imported.returncode == 0, imported.stderr
    senior = vivier(tmp_path, "segment", "count", "job:backend seniority>=senior")
    assert senior.returncode == 0 and senior.stdout.strip() == "1"
    developers = vivier(tmp_path, "segment", "count", "job:développeur")
    assert developers.stdout.strip() == "5"
    reclassified = vivier(tmp_path, "pool", "reclassify", "--json")
    assert reclassified.returncode == 0 and json.loads(reclassified.stdout)["changed"] == 0


def test_the_family_command_adds_a_teams_synonyms_and_lists_them(team):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "pool",
        "family",
        "add",
        "Sommellerie",
        "--synonym",
        "caviste",
        "--name-fr",
        "Sommellerie",
        "--team",
        team.slug,
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["synonyms"] == ["caviste"]
    out = io.StringIO()
    call_command("pool", "family", "list", "--team", team.slug, "--json", stdout=out)
    assert [json.loads(line)["tag"] for line in out.getvalue().splitlines()] == ["sommellerie"]
    max_ = candidate_create(team=team, first_name="Max", emails=["max@example.fr"], current_title="Caviste")
    assert jobs(max_) == ["sommellerie"]


def test_job_finds_a_teams_own_family_by_its_synonyms_on_the_command_line(tmp_path):
    pool = tmp_path / "cave.csv"
    pool.write_text("Prénom,Nom,Email,Poste\nLou,Vigne,lou@example.com,Caviste\n", encoding="utf-8")
    assert vivier(tmp_path, "import", str(pool), "--json").returncode == 0
    added = vivier(
        tmp_path, "pool", "family", "add", "sommellerie", "--name-fr", "Sommellerie", "--synonym", "caviste"
    )
    assert added.returncode == 0, added.stderr
    assert vivier(tmp_path, "pool", "reclassify").returncode == 0
    for query in ("job:sommellerie", "job:Caviste", "job:CAVISTE|mobile"):
        counted = vivier(tmp_path, "segment", "count", query)
        assert counted.returncode == 0 and counted.stdout.strip() == "1", (query, counted.stderr)
    # a synonym added to a shipped family counts as its own names do
    assert (
        vivier(tmp_path, "pool", "family", "add", "sommellerie", "--synonym", "maître de chai").returncode
        == 0
    )
    assert vivier(tmp_path, "segment", "count", 'job:"maitre de chai"').stdout.strip() == "1"


def test_job_finds_a_teams_own_family_by_its_synonyms_in_the_api_and_not_another_teams(api, team, other_team):
    from vivier.pool.tests.factories import candidate_make

    job_family_add(team=team, tag="sommellerie", name_fr="Sommellerie", synonyms=["caviste"])
    job_family_add(team=team, tag="backend", synonyms=["pisseur de code"])
    candidate_make(team=team, first_name="Lou", jobs=["sommellerie"])
    candidate_make(team=team, first_name="Ana", jobs=["backend"])
    candidate_make(team=other_team, first_name="Noé", jobs=["sommellerie"])
    for query, names in (
        ("job:caviste", ["Lou"]),
        ('job:"pisseur de code"', ["Ana"]),
        ("job:caviste -job:backend", ["Lou"]),
    ):
        found = api.get("/api/candidates", data={"q": query}).json()
        assert [r["first_name"] for r in found["results"]] == names, query
        assert found["count"] == len(names)
    assert count_members(team=other_team, query="job:caviste") == 0
    assert count_members(team=other_team, query="job:sommellerie") == 1


def test_a_value_a_person_edits_or_clears_stays_as_they_left_it_after_reclassify(team, alice):
    dan = candidate_create(
        team=team, by=alice, first_name="Dan", emails=["dan@example.fr"], current_title="Dév. Python Sr"
    )
    assert dan.seniority == Seniority.SENIOR and dan.is_inferred("seniority")
    assert jobs(dan) and all(dan.is_inferred("job", value) for value in jobs(dan))
    candidate_update(candidate=dan, by=alice, seniority=Seniority.LEAD, tags={"job": []})
    dan.refresh_from_db()
    assert (dan.seniority, jobs(dan)) == (Seniority.LEAD, [])
    assert not dan.is_inferred("seniority")
    candidate_update(candidate=dan, by=alice, seniority=None)
    candidates_classify(team_id=team.pk)
    dan.refresh_from_db()
    # cleared by a person: inference does not fill it again, neither the level nor the job families
    assert (dan.seniority, jobs(dan)) == (None, [])
    assert sorted(dan.inferred["stated"]) == ["job", "seniority"]
    # the title changes: what the person left alone is inferred again, what they set stays
    candidate_update(candidate=dan, by=alice, current_title="Infirmière DE, 8 ans d'expérience")
    dan.refresh_from_db()
    assert (dan.seniority, jobs(dan)) == (None, [])
    assert dan.years_experience == 8 and dan.is_inferred("years_experience")


def test_the_candidate_page_marks_inferred_values_in_the_readers_language(team, alice, client):
    client.force_login(alice)
    eve = candidate_create(
        team=team, by=alice, first_name="Eve", emails=["eve@example.fr"], current_title="Dév. Python Sr"
    )
    stated = candidate_create(
        team=team, by=alice, first_name="Zoé", emails=["zoe@example.fr"], seniority=Seniority.JUNIOR
    )
    for lang, word in (("fr", "déduit"), ("en", "inferred")):
        alice.language = lang
        alice.save()
        page = client.get(f"/pool/c/{eve.public_id}/", headers={"accept-language": lang}).content.decode()
        assert page.count('data-testid="inferred"') >= 2, lang  # the level and the job family
        assert f">{word}</span>" in page and "Dév. Python Sr" in page
        other = client.get(f"/pool/c/{stated.public_id}/").content.decode()
        assert 'data-testid="inferred"' not in other


def test_the_edit_form_says_which_values_were_inferred(team, alice, client):
    client.force_login(alice)
    eve = candidate_create(
        team=team, by=alice, first_name="Eve", emails=["eve@example.fr"], current_title="Dév. Python Sr"
    )
    form = client.get(f"/pool/c/{eve.public_id}/edit/").content.decode()
    assert form.count("Déduit de « Dév. Python Sr »") == 2  # the level and the job families
    candidate_update(candidate=eve, by=alice, seniority=Seniority.LEAD)
    form = client.get(f"/pool/c/{eve.public_id}/edit/").content.decode()
    assert form.count("Déduit de « Dév. Python Sr »") == 1
