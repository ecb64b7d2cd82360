"""Test data: the Lyon demo pool, usable in-process and from ``vivier shell -c`` (the CLI tests)."""

import datetime as dt

from vivier.pool.tests.factories import candidate_make

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def seed_lyon_pool(team) -> dict:
    """Who is a senior backend developer near Lyon, not contacted lately and not snoozed (Ana, Bruno), and who is not."""
    months = dt.timedelta(days=30)

    def make(first, last, **kw):
        return candidate_make(team=team, first_name=first, last_name=last, country="FR", **kw)

    return {
        "ana": make(
            "Ana",
            "Lopez",
            jobs=["Backend"],
            skills=["Python", "Django"],
            place="Villeurbanne",
            seniority=40,
            years_experience=8,
            current_title="Développeuse backend",
            current_company="Doctolib",
        ),
        "bruno": make(
            "Bruno",
            "Marchal",
            jobs=["Backend"],
            skills=["Go"],
            place="Lyon",
            seniority=50,
            last_contacted_at=NOW - 8 * months,
            current_title="Lead dev",
        ),
        "chloe": make(
            "Chloé",
            "Roux",
            jobs=["Backend"],
            skills=["Java"],
            place="Lyon",
            seniority=40,
            last_contacted_at=NOW - 2 * months,
        ),
        "david": make(
            "David",
            "Nguyen",
            jobs=["Backend"],
            skills=["Python"],
            place="Lyon",
            seniority=40,
            snoozed_until=NOW + 3 * months,
        ),
        "emma": make("Emma", "Petit", jobs=["Backend"], place="Lyon", seniority=20),
        "farid": make("Farid", "Benali", jobs=["Backend"], place="Grenoble", seniority=40),
        "gaelle": make("Gaëlle", "Morel", jobs=["Frontend"], skills=["React"], place="Lyon", seniority=40),
    }
