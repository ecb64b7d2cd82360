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
    wrong = {
        c.pk: (c.facets, facets.bits(tags.get(c.pk, ())))
        for c in candidates
        if (c.facets or 0) != facets.bits(tags.get(c.pk, ()))
    }
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
    ana = candidate_create(
        team=team,
        first_name="Ana",
        last_name="Lopez",
        emails=["ana@example.fr"],
        tags={"lang": ["Anglais", "Français"], "contract": ["permanent"], "skill": ["Python"]},
    )
    ana.refresh_from_db()
    assert ana.facets == facets.bits([("lang", "anglais"), ("lang", "francais"), ("contract", "permanent")])
    candidate_update(candidate=ana, tags={"lang": ["Espagnol"]}, current_title="Data engineer")
    ana.refresh_from_db()
    assert ana.facets == facets.bits([("lang", "espagnol"), ("contract", "permanent")])
    tag_set(candidate=ana, kind="contract", labels=[])
    tag_set(candidate=ana, kind="lang", labels=["Japonais"])  # no bit: kept as a tag row only
    ana.refresh_from_db()
    assert ana.facets == 0

    bea = candidate_create(
        team=team,
        first_name="Bea",
        last_name="Roux",
        emails=["bea@example.fr"],
        tags={"lang": ["English"], "contract": ["freelance"]},
    )
    cleo = candidate_create(
        team=team,
        first_name="Bea",
        last_name="Roux",
        emails=["bea.roux@example.fr"],
        tags={"lang": ["English", "Deutsch"], "contract": ["cdd"]},
    )
    kept = candidate_merge(keep=bea, other=cleo)
    assert kept.facets == facets.bits(
        [("lang", "english"), ("lang", "deutsch"), ("contract", "freelance"), ("contract", "cdd")]
    )
    kept.refresh_from_db()  # the merge's final save() wrote the same value
    assert kept.facets == facets.bits(
        [("lang", "english"), ("lang", "deutsch"), ("contract", "freelance"), ("contract", "cdd")]
    )
    assert_facets_mirror_the_tags(team)


@pytest.mark.parametrize("chunk", [3, 5000])
def test_the_import_keeps_the_bits_on_new_and_merged_candidates(team, tmp_path, monkeypatch, chunk):
    from vivier.pool import importing

    monkeypatch.setattr(importing.run, "CHUNK", chunk)
    first = tmp_path / "first.csv"
    first.write_text(
        "Prénom;Nom;E-mail;Langues;Type de contrat\n"
        "Ana;Lopez;ana@exemple.fr;Anglais, Français;CDI\n"  # lone new row: written straight
        "Bruno;Petit;bruno@exemple.fr;Allemand;Freelance\n"
        "Bruno;Petit;bruno@exemple.fr;Anglais;CDD\n"  # a group of two: the general path
        "Chloé;Roux;chloe@exemple.fr;Japonais;\n"  # a language without a bit
        "Dan;Moreau;dan@exemple.fr;;\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.csv"
    second.write_text(
        "Prénom;Nom;E-mail;Langues;Type de contrat\n"
        "Ana;Lopez;ana@exemple.fr;Espagnol;Intérim\n"  # merged into a stored candidate
        "Dan;Moreau;dan@exemple.fr;;\n",
        encoding="utf-8",
    )  # unchanged
    import_run(team=team, paths=[first])
    import_run(team=team, paths=[second])
    assert_facets_mirror_the_tags(team)
    ana = Candidate.objects.get(team=team, emails__email="ana@exemple.fr")
    assert ana.facets == facets.bits(
        [
            ("lang", "anglais"),
            ("lang", "francais"),
            ("lang", "espagnol"),
            ("contract", "permanent"),
            ("contract", "interim"),
        ]
    )
    assert count_members(team=team, query="lang:en") == 2
    assert count_members(team=team, query="lang:japonais") == 1


def test_the_demo_seed_keeps_the_bits():
    from vivier.demo.seed import demo_seed

    result = demo_seed(candidates=80, seed=5)
    assert_facets_mirror_the_tags(result.team)
    assert Candidate.objects.filter(team=result.team, facets__gt=0).exists()


QUERIES = [
    "lang:en",
    "-lang:en",
    "lang:en|de",
    "contract:permanent",
    "-contract:cdi",
    "lang:fr contract:freelance",
    "lang:en OR contract:interim",
    "-(lang:en contract:permanent)",
    "lang:japonais",
    "-lang:japonais",
    "salary<=60000 lang:en contract:permanent",
    "job:backend lang:en",
    "contract:cdi -lang:en",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_bits_select_the_candidates_the_tag_rows_select(team, query, monkeypatch):
    rows = [
        ("Ana", ["Anglais"], ["CDI"], 52000),
        ("Bea", ["English", "Deutsch"], ["freelance"], 70000),
        ("Cleo", ["Français"], ["freelance"], None),
        ("Dan", [], [], 40000),
        ("Eve", ["Japonais"], ["intérim"], 30000),
        ("Fay", ["en"], ["permanent", "cdd"], 60000),
        ("Gus", [], ["interim"], None),
    ]
    for i, (name, langs, contracts, salary) in enumerate(rows):
        candidate_create(
            team=team,
            first_name=name,
            emails=[f"{name.lower()}@example.fr"],
            salary_amount=salary,
            salary_period="year" if salary else "",
            tags={"lang": langs, "contract": contracts, "job": ["Backend"] if i % 2 else []},
        )
    Candidate.objects.filter(first_name="Dan").update(facets=None)  # NULL is no bit (no tags: stays true)
    assert_facets_mirror_the_tags(team)

    def members(**kw):
        return {
            "page": list(
                segment_candidates(team=team, query=query, for_page=True, **kw).values_list(
                    "first_name", flat=True
                )
            ),
            "all": sorted(
                segment_candidates(team=team, query=query, **kw).values_list("first_name", flat=True)
            ),
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
    candidate_create(
        team=team,
        first_name="Ana",
        emails=["ana@example.fr"],
        salary_amount=50000,
        salary_period="year",
        tags={"lang": ["Anglais"], "contract": ["cdi"]},
    )
    query = Candidate.objects.filter(team=team).filter(
        compile_query("salary<=60000 lang:en contract:permanent", team=team)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'pool_candidate'"
            if connection.vendor == "postgresql"
            else "SELECT name FROM sqlite_master WHERE tbl_name = 'pool_candidate'"
        )
        assert "seg_cand_team_salary_facets" in {r[0] for r in cursor.fetchall()}
    assert query.count() == 1


# --- Sources --------------------------------------------------------------------------------------------


def assert_source_bits_mirror_the_sources(team):
    """For every candidate: source_bits (NULL = 0) == the bits of its source rows, and every source name of
    the team is registered (a name without a row would be taken for a name nobody has)."""
    from vivier.pool.models import CandidateSource, SourceName

    sources: dict[int, list] = {}
    for cid, kind, name in CandidateSource.objects.filter(candidate__team=team).values_list(
        "candidate_id", "kind", "name"
    ):
        sources.setdefault(cid, []).append((kind, name))
    registry = dict(SourceName.objects.filter(team=team).values_list("key", "bit"))
    assert {facets.source_key(n) for rows in sources.values() for _, n in rows} - {""} <= registry.keys()
    wrong = {
        c.pk: (c.source_bits, facets.source_bits(team.pk, sources.get(c.pk, ()), registry))
        for c in Candidate.objects.filter(team=team)
        if (c.source_bits or 0) != facets.source_bits(team.pk, sources.get(c.pk, ()), registry)
    }
    assert not wrong


def test_the_services_keep_the_source_bits(team):
    from vivier.pool.services import source_add

    ana = candidate_create(
        team=team, first_name="Ana", emails=["ana@example.fr"], source={"kind": "ats", "name": "Lever"}
    )
    source_add(candidate=ana, kind="referral", name="Cooptation")
    bea = candidate_create(team=team, first_name="Bea", emails=["bea@example.fr"])  # manual, no name
    cleo = candidate_create(
        team=team, first_name="Cleo", emails=["cleo@example.fr"], source={"kind": "ats", "name": "LEVER"}
    )  # the same name, other case: same bit
    assert_source_bits_mirror_the_sources(team)
    assert (
        Candidate.objects.get(pk=ana.pk).source_bits
        & Candidate.objects.get(pk=cleo.pk).source_bits
        & ~facets.KIND_BIT["ats"]
    )
    kept = candidate_merge(keep=bea, other=ana)
    kept.refresh_from_db()
    assert kept.source_bits == facets.source_bits(
        team.pk, [("manual", ""), ("ats", "lever"), ("referral", "cooptation")]
    )
    assert_source_bits_mirror_the_sources(team)


@pytest.mark.parametrize("chunk", [3, 5000])
def test_the_import_keeps_the_source_bits(team, tmp_path, monkeypatch, chunk):
    from vivier.pool import importing

    monkeypatch.setattr(importing.run, "CHUNK", chunk)
    first = tmp_path / "first.csv"
    first.write_text(
        "Prénom;Nom;E-mail;Source\n"
        "Ana;Lopez;ana@exemple.fr;Indeed\n"
        "Bruno;Petit;bruno@exemple.fr;Salon\n"
        "Bruno;Petit;bruno@exemple.fr;Welcome\n"
        "Dan;Moreau;dan@exemple.fr;\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.csv"
    second.write_text("Prénom;Nom;E-mail;Source\nAna;Lopez;ana@exemple.fr;Cooptation\n", encoding="utf-8")
    import_run(team=team, paths=[first], source="jobboard")
    import_run(team=team, paths=[second])
    assert_source_bits_mirror_the_sources(team)
    assert count_members(team=team, query="source:cooptation") == 1
    assert (
        count_members(team=team, query="source:salon")
        == count_members(team=team, query="source:welcome")
        == 1
    )


def test_the_demo_seed_keeps_the_source_bits():
    from vivier.demo.seed import demo_seed

    result = demo_seed(candidates=80, seed=5)
    assert_source_bits_mirror_the_sources(result.team)


SOURCE_QUERIES = [
    "source:lever",
    "-source:lever",
    "source:referral",
    "source:REFERRAL -source:cooptation",
    "source:lever OR source:salon",
    "source:unknown",
    "-source:unknown",
    "source:salon consent:valid",
    "source:indeed in_campaign:false",
]


@pytest.mark.parametrize("query", SOURCE_QUERIES)
@pytest.mark.parametrize("bits_for_names", [55, 1])
def test_the_source_bits_select_the_candidates_the_source_rows_select(
    team, query, bits_for_names, monkeypatch
):
    """With bits for every name, and with one name bit only (the next names have none: their terms read the
    source rows while the first name's reads its bit)."""
    from vivier.pool.services import source_add

    monkeypatch.setattr(facets, "NAME_BITS", range(8, 8 + bits_for_names))
    rows = [
        ("Ana", [("ats", "Lever")]),
        ("Bea", [("referral", "Cooptation"), ("ats", "Salon")]),
        ("Cleo", [("ats", "Indeed")]),
        ("Dan", []),
        ("Eve", [("referral", "")]),
        ("Fay", [("ats", "LEVER")]),
        ("Gus", [("import", "referral")]),
    ]
    for name, sources in rows:
        c = Candidate.objects.create(
            team=team, first_name=name, consent_basis="consent" if name < "D" else ""
        )
        for kind, source in sources:
            source_add(candidate=c, kind=kind, name=source)
    assert Candidate.objects.get(first_name="Dan").source_bits is None  # no source: NULL is no bit
    assert_source_bits_mirror_the_sources(team)

    def members():
        return (
            sorted(segment_candidates(team=team, query=query).values_list("first_name", flat=True)),
            list(
                segment_candidates(team=team, query=query, for_page=True).values_list("first_name", flat=True)
            ),
            count_members(team=team, query=query),
        )

    with_bits = members()
    monkeypatch.setattr(facets, "source_mask", lambda team_id, value: None)  # every term through the rows
    assert with_bits == members()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_writers_registering_names_at_once_get_different_bits(team):
    """The second writer's insert waits for the first one's transaction, finds its bit taken, and takes the next."""
    import threading

    from django.db import transaction

    from vivier.pool.models import SourceName

    first_in = threading.Event()
    release = threading.Event()
    got = {}

    def first():
        try:
            with transaction.atomic():
                got["alpha"] = facets.name_bits(team.pk, ["Alpha"])
                first_in.set()
                release.wait(10)
        finally:
            connection.close()

    def second():
        try:
            first_in.wait(10)
            with transaction.atomic():
                got["beta"] = facets.name_bits(team.pk, ["Beta"])
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    first_in.wait(10)
    threads[1].join(1)  # blocked on the first one's (team, bit) row
    release.set()
    for t in threads:
        t.join(10)
    assert got == {"alpha": {"alpha": 8}, "beta": {"beta": 9}}
    assert dict(SourceName.objects.filter(team=team).values_list("key", "bit")) == {"alpha": 8, "beta": 9}
