"""Hostile files: control characters in values, and bombs (huge cells, columns, declared ranges)."""

import pytest

from vivier.pool.importing import import_run
from vivier.pool.models import Candidate


def write_csv(tmp_path, text: str):
    path = tmp_path / "hostile.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.django_db(transaction=True)
def test_control_characters_are_stripped_per_value_and_the_file_is_imported(team, tmp_path):
    path = write_csv(
        tmp_path,
        "Prénom,Nom\x01,Email,Poste\n"
        "Hél\x00ène,Dupré\x1b,helene@exemple.fr,Data\x00 engineer\x7f\n"
        "Ana,Lopez,ana@exemple.fr,Backend\n",
    )
    report = import_run(team=team, paths=[path])
    assert report.created == 2, report
    helene = Candidate.objects.get(team=team, emails__email="helene@exemple.fr")
    assert (helene.first_name, helene.last_name) == ("Hélène", "Dupré")
    assert "\x00" not in helene.headline + helene.current_title
    assert Candidate.objects.filter(team=team, emails__email="ana@exemple.fr").exists()


@pytest.mark.django_db
def test_the_api_strips_control_characters_from_text(api):
    response = api.post(
        "/api/pool/candidates",
        {"first_name": "A\x00na", "last_name": "Lo\x08pez", "emails": ["ana@exemple.fr"]},
    )
    assert response.status_code in (200, 201), response.content
    ana = Candidate.objects.get()
    assert (ana.first_name, ana.last_name) == ("Ana", "Lopez")
