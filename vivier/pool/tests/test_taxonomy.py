import pytest

from vivier.pool import taxonomy
from vivier.pool.tests.labelled_titles import load

REQUIRED = {
    "software development": ("Software development", "Développement logiciel"),
    "data": ("Data", "Data"),
    "devops and infrastructure": ("DevOps and infrastructure", "DevOps et infrastructure"),
    "product and design": ("Product and design", "Produit et design"),
    "nursing and care": ("Nursing and care", "Soins"),
    "maintenance and technicians": ("Maintenance and technicians", "Maintenance et techniciens"),
    "sales": ("Sales", "Commercial"),
    "logistics and warehouse": ("Logistics and warehouse", "Logistique et entrepôt"),
    "accounting and finance": ("Accounting and finance", "Comptabilité et finance"),
    "human resources": ("Human resources", "Ressources humaines"),
}


def test_the_shipped_taxonomy_has_every_family_named_in_both_languages_with_its_sources():
    tax = taxonomy.default()
    assert tax.version
    by_tag = {family.tag: family for family in tax.families}
    for tag, (en, fr) in REQUIRED.items():
        assert by_tag[tag].names == {"en": en, "fr": fr}
        assert by_tag[tag].rome and by_tag[tag].isco
    software = {s.tag for s in by_tag["software development"].specialties}
    assert software == {"backend", "front-end", "full-stack", "mobile"}
    assert {"data engineering", "data science"} <= {s.tag for s in by_tag["data"].specialties}


@pytest.mark.parametrize(
    "title, family, specialty, seniority",
    [
        ("Dév. Python Sr", "software development", "backend", taxonomy.SENIOR),
        ("IDE de nuit", "nursing and care", None, None),
        ("Infirmière DE", "nursing and care", None, None),
        ("Cariste CACES 3", "logistics and warehouse", None, None),
        ("Lead Dev", "software development", None, taxonomy.LEAD),
        ("Stagiaire développeur", "software development", None, taxonomy.INTERN),
        ("DRH", "human resources", None, taxonomy.EXECUTIVE),
        ("Développeuse backend Python", "software development", "backend", None),
        ("Développeur data", "data", None, None),
        ("Product Manager Senior", "product and design", None, taxonomy.SENIOR),
        ("Avocate en droit social", None, None, None),
    ],
)
def test_it_reads_family_specialty_and_seniority_from_french_and_english_titles(
    title, family, specialty, seniority
):
    got = taxonomy.infer(title)
    assert (got.family, got.specialty, got.seniority) == (family, specialty, seniority)


def test_a_role_named_manager_is_not_a_management_level_but_a_team_manager_is():
    assert taxonomy.infer("Account Manager").seniority is None
    assert taxonomy.infer("Product Manager").seniority is None
    assert taxonomy.infer("Engineering Manager").seniority == taxonomy.LEAD
    assert taxonomy.infer("Chef de projet").seniority is None
    assert taxonomy.infer("Chef comptable").seniority == taxonomy.LEAD


def test_it_reads_years_when_written_and_the_headline_when_the_title_says_nothing():
    assert taxonomy.infer("Développeur PHP - 5 ans d'expérience").years == 5
    assert taxonomy.infer("Software engineer, 10+ years").years == 10
    assert taxonomy.infer("Cariste CACES 3").years is None
    got = taxonomy.infer("Freelance", "Développeuse front-end React senior")
    assert (got.family, got.specialty, got.seniority) == (
        "software development",
        "front-end",
        taxonomy.SENIOR,
    )


@pytest.mark.parametrize(
    "term, tag",
    [
        ("développeur", "software development"),
        ("DÉVELOPPEUSE", "software development"),
        ("Développement logiciel", "software development"),
        ("software development", "software development"),
        ("back-end", "backend"),
        ("Backend", "backend"),
        ("soins", "nursing and care"),
        ("infirmière", "nursing and care"),
        ("logistique", "logistics and warehouse"),
        ("comptabilité et finance", "accounting and finance"),
        ("RH", "human resources"),
    ],
)
def test_a_job_term_in_french_or_english_any_case_or_accent_expands_to_the_tag(term, tag):
    assert tag in taxonomy.default().expand(term)


def test_an_unknown_job_term_still_matches_its_own_value():
    assert taxonomy.default().expand("Sommelier") == {"sommelier"}


def test_a_tag_is_labelled_in_the_readers_language():
    tax = taxonomy.default()
    assert tax.label("nursing and care", "fr") == "Soins"
    assert tax.label("nursing and care", "en-gb") == "Nursing and care"
    assert tax.label("sommelier", "fr") is None


def test_inference_on_the_dev_block_of_the_labelled_titles():
    cases = [c for c in load() if c.block == "dev"]
    assert len(cases) >= 90
    family = sum(taxonomy.infer(c.title, c.headline).family == c.family for c in cases)
    seniority = sum(taxonomy.infer(c.title, c.headline).seniority == c.seniority for c in cases)
    assert family / len(cases) >= 0.95
    assert seniority / len(cases) >= 0.95


def test_the_labelled_set_has_at_least_three_hundred_titles():
    assert len(load()) >= 300


def test_inference_keeps_its_measured_accuracy_on_the_held_out_block():
    cases = [c for c in load() if c.block == "heldout"]
    assert len(cases) >= 250
    got = [taxonomy.infer(c.title, c.headline) for c in cases]
    assert sum(g.family == c.family for g, c in zip(got, cases, strict=True)) / len(cases) >= 0.95
    assert sum(g.specialty == c.specialty for g, c in zip(got, cases, strict=True)) / len(cases) >= 0.95
    assert sum(g.seniority == c.seniority for g, c in zip(got, cases, strict=True)) / len(cases) >= 0.95
