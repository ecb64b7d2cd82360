"""``Candidate.facets`` mirrors the contract and language tag rows (vivier.pool.facets): every writer keeps it,
and segments read it instead of the tag rows with the same members."""

import pytest
from django.db import connection

from vivier.pool import facets
from vivier.pool.importing import import_run
from vivier.pool.models import Candidate, CandidateTag
from vivier.pool.services import candidate_create, candidate_merge, candidate_update, tag_set
from vivier.segments.query import LANGUAGES, compile_query
from vivier.segments.selectors import count_members, segment_candidates

pytestmark = pytest.mark.django_db


def assert_facets_mirror_the_tags(team=None):
    """For every candidate: facets (NULL = 0) == the bits of its tag rows."""
    tags: dict[int, set] = {}
    for cid, kind, value in CandidateTag.objects.values_list("candidate_id", "kind", "value"):
        tags.setdefault(cid, set()).add((kind, value))
    candidates = Candidate.objects.all() if team is None else Candidate.objects.filter(team=team)
    wrong = {c.pk: (c.facets, facets.bits(tags.get(c.pk, ()))) for c in candidates
             if (c.facets or 0) != facets.bits(tags.get(c.pk, ()))}
    assert not wrong
    assert candidates.exists()


def test_bits_are_append_only_positions():
    # Stored in every candidate row: a reordering would silently change every segment. Append only.
    assert facets.FACETS[:3] == (("contract", "permanent"), ("contract", "cdi"), ("contract", "fixed_term"))
    assert facets.BIT[("lang", "english")] == 1 << 18 and facets.BIT[("lang", "mandarin")] == 1 << 40
    assert len(facets.FACETS) <= 63
    # Every synonym a contract: or lang: term expands to has a bit, so these terms never read tag rows.
    for table, kind in ((facets.CONTRACTS, "contract"), (LANGUAGES, "lang")):
        for values in table.values():
            assert facets.mask(kind, values) is not None


def test_the_services_keep_the_bits(team):
    ana = candidate_create(team=team, first_name="Ana", last_name="Lopez", emails=["ana@example.fr"],
                           tags={"lang": ["Anglais", "Français"], "contract": ["permanent"], "skill": ["Python"]})
    ana.refresh_from_db()
    assert ana.facets == facets.bits([("lang", "anglais"), ("lang", "francais"), ("contract", "permanent")])
    candidate_update(candidate=ana, tags={"lang": ["Espagnol"]}, current_title="Data engineer")
    ana.refresh_from_db()
    assert ana.facets == facets.bits([("lang", "espagnol"), ("contract", "permanent")])
    tag_set(candidate=ana, kind="contract", labels=[])
    tag_set(candidate=ana, kind="lang", labels=["Japonais"])  # no bit: kept as a tag row only
    ana.refresh_from_db()
    assert ana.facets == 0

    bea = candidate_create(team=team, first_name="Bea", last_name="Roux", emails=["bea@example.fr"],
                           tags={"lang": ["English"], "contract": ["freelance"]})
    cleo = candidate_create(team=team, first_name="Bea", last_name="Roux", emails=["bea.roux@example.fr"],
                            tags={"lang": ["English", "Deutsch"], "contract": ["cdd"]})
    kept = candidate_merge(keep=bea, other=cleo)
    assert kept.facets == facets.bits([("lang", "english"), ("lang", "deutsch"), ("contract", "freelance"),
                                       ("contract", "cdd")])
    kept.refresh_from_db()  # the merge's final save() wrote the same value
    assert kept.facets == facets.bits([("lang", "english"), ("lang", "deutsch"), ("contract", "freelance"),
                                       ("contract", "cdd")])
    assert_facets_mirror_the_tags(team)


@pytest.mark.parametrize("chunk", [3, 5000])
def test_the_import_keeps_the_bits_on_new_and_merged_candidates(team, tmp_path, monkeypatch, chunk):
    from vivier.pool import importing

    monkeypatch.setattr(importing, "CHUNK", chunk)
    first = tmp_path / "first.csv"
    first.write_text(
        "Prénom;Nom;E-mail;Langues;Type de contrat\n"
        "Ana;Lopez;ana@exemple.fr;Anglais, Français;CDI\n"        # lone new row: written straight
        "Bruno;Petit;bruno@exemple.fr;Allemand;Freelance\n"
        "Bruno;Petit;bruno@exemple.fr;Anglais;CDD\n"               # a group of two: the general path
        "Chloé;Roux;chloe@exemple.fr;Japonais;\n"                  # a language without a bit
        "Dan;Moreau;dan@exemple.fr;;\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(
        "Prénom;Nom;E-mail;Langues;Type de contrat\n"
        "Ana;Lopez;ana@exemple.fr;Espagnol;Intérim\n"               # merged into a stored candidate
        "Dan;Moreau;dan@exemple.fr;;\n", encoding="utf-8")          # unchanged
    import_run(team=team, paths=[first])
    import_run(team=team, paths=[second])
    assert_facets_mirror_the_tags(team)
    ana = Candidate.objects.get(team=team, emails__email="ana@exemple.fr")
    assert ana.facets == facets.bits([("lang", "anglais"), ("lang", "francais"), ("lang", "espagnol"),
                                      ("contract", "permanent"), ("contract", "interim")])
    assert count_members(team=team, query="lang:en") == 2
    assert count_members(team=team, query="lang:japonais") == 1


def test_the_demo_seed_keeps_the_bits():
    from vivier.demo.seed import demo_seed

    result = demo_seed(candidates=80, seed=5)
    assert_facets_mirror_the_tags(result.team)
    assert Candidate.objects.filter(team=result.team, facets__gt=0).exists()


def test_the_migration_fills_the_bits_from_the_tag_rows(team):
    import importlib

    from django.apps import apps

    fill = importlib.import_module("vivier.pool.migrations.0007_candidate_facets").fill
    candidate_create(team=team, first_name="Ana", emails=["ana@example.fr"],
                     tags={"lang": ["Anglais"], "contract": ["cdi"]})
    candidate_create(team=team, first_name="Bea", emails=["bea@example.fr"], tags={"skill": ["Go"]})
    Candidate.objects.update(facets=None)  # as the column comes to an existing pool
    fill(apps, None)
    assert_facets_mirror_the_tags(team)
    assert Candidate.objects.get(first_name="Ana").facets == facets.bits([("lang", "anglais"), ("contract", "cdi")])


QUERIES = ["lang:en", "-lang:en", "lang:en|de", "contract:permanent", "-contract:cdi", "lang:fr contract:freelance",
           "lang:en OR contract:interim", "-(lang:en contract:permanent)", "lang:japonais", "-lang:japonais",
           "salary<=60000 lang:en contract:permanent", "job:backend lang:en", "contract:cdi -lang:en"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_bits_select_the_candidates_the_tag_rows_select(team, query, monkeypatch):
    rows = [("Ana", ["Anglais"], ["CDI"], 52000), ("Bea", ["English", "Deutsch"], ["freelance"], 70000),
            ("Cleo", ["Français"], ["freelance"], None), ("Dan", [], [], 40000), ("Eve", ["Japonais"], ["intérim"], 30000),
            ("Fay", ["en"], ["permanent", "cdd"], 60000), ("Gus", [], ["interim"], None)]
    for i, (name, langs, contracts, salary) in enumerate(rows):
        candidate_create(team=team, first_name=name, emails=[f"{name.lower()}@example.fr"], salary_amount=salary,
                         salary_period="year" if salary else "",
                         tags={"lang": langs, "contract": contracts, "job": ["Backend"] if i % 2 else []})
    Candidate.objects.filter(first_name="Dan").update(facets=None)  # NULL is no bit (no tags: stays true)
    assert_facets_mirror_the_tags(team)

    def members(**kw):
        return {
            "page": list(segment_candidates(team=team, query=query, for_page=True, **kw).values_list("first_name",
                                                                                                      flat=True)),
            "all": sorted(segment_candidates(team=team, query=query, **kw).values_list("first_name", flat=True)),
            "count": count_members(team=team, query=query),
        }

    with_bits = members()
    monkeypatch.setattr(facets, "mask", lambda kind, values: None)  # every term through the tag rows
    assert with_bits == members()
    sql = str(Candidate.objects.filter(compile_query("lang:en contract:permanent", team=team)).query)
    assert "pool_candidatetag" in sql
    monkeypatch.undo()
    sql = str(Candidate.objects.filter(compile_query("lang:en contract:permanent", team=team)).query)
    assert "pool_candidatetag" not in sql and "facets" in sql


def test_salary_with_language_and_contract_counts_from_the_salary_facets_index(team):
    candidate_create(team=team, first_name="Ana", emails=["ana@example.fr"], salary_amount=50000,
                     salary_period="year", tags={"lang": ["Anglais"], "contract": ["cdi"]})
    query = Candidate.objects.filter(team=team).filter(
        compile_query("salary<=60000 lang:en contract:permanent", team=team))
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'pool_candidate'"
                       if connection.vendor == "postgresql" else
                       "SELECT name FROM sqlite_master WHERE tbl_name = 'pool_candidate'")
        assert "seg_cand_team_salary_facets" in {r[0] for r in cursor.fetchall()}
    assert query.count() == 1
