"""People linked through a third record: file 1 has (personal email, phone), file 2 (work email, LinkedIn),
file 3 (work email, phone). The third row holds hard keys of two candidates: they are one person, merged in
the same pass, keeping everything."""

import pytest

from vivier.pool.importing import import_run
from vivier.pool.models import Candidate, DuplicateReview, TimelineEvent
from vivier.pool.services import candidate_create, candidate_merge

HEADER = "Prénom;Nom;Email;Téléphone;LinkedIn;Poste\n"
PERSONAL = "Inès;Benali;ines.benali@gmail.com;06 12 34 56 78;;\n"
WORK = "Inès;Benali;ines.benali@qonto.com;;https://www.linkedin.com/in/ines-benali;Développeuse backend\n"
LINK = "Inès;Benali;ines.benali@qonto.com;+33 6 12 34 56 78;;\n"


def write(tmp_path, name, *rows):
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def assert_one_ines(team):
    ines = Candidate.objects.get(team=team)
    assert sorted(ines.emails.values_list("email", flat=True)) == [
        "ines.benali@gmail.com",
        "ines.benali@qonto.com",
    ]
    assert list(ines.phones.values_list("e164", flat=True)) == ["+33612345678"]
    assert list(ines.profiles.values_list("url", flat=True)) == ["https://www.linkedin.com/in/ines-benali"]
    assert ines.current_title == "Développeuse backend"
    assert ines.sources.count() >= 1
    return ines


def test_a_third_file_links_two_candidates_and_they_are_merged(team, alice, tmp_path):
    import_run(team=team, paths=[write(tmp_path, "1.csv", PERSONAL)], by=alice)
    import_run(team=team, paths=[write(tmp_path, "2.csv", WORK)], by=alice)
    assert Candidate.objects.filter(team=team).count() == 2
    report = import_run(team=team, paths=[write(tmp_path, "3.csv", LINK)], by=alice)
    assert report.errors == [] and report.merged == 1
    ines = assert_one_ines(team)
    assert ines.timeline.filter(kind=TimelineEvent.Kind.MERGED, params__other_name="Inès Benali").exists()
    assert not DuplicateReview.objects.filter(team=team, status=DuplicateReview.Status.OPEN).exists()
    again = import_run(team=team, paths=[write(tmp_path, "3.csv", LINK)], by=alice)
    assert (again.created, again.merged, again.unchanged) == (0, 0, 1)


@pytest.mark.parametrize("order", [(PERSONAL, WORK, LINK), (LINK, PERSONAL, WORK), (PERSONAL, LINK, WORK)])
def test_the_three_rows_in_one_file_make_one_candidate(team, tmp_path, order):
    report = import_run(team=team, paths=[write(tmp_path, "all.csv", *order)])
    assert report.created == 1 and report.errors == []
    assert_one_ines(team)


def test_the_three_files_in_one_run_make_one_candidate(team, tmp_path):
    paths = [write(tmp_path, f"{i}.csv", row) for i, row in enumerate((PERSONAL, WORK, LINK))]
    import_run(team=team, paths=paths)
    assert_one_ines(team)


def test_a_merge_note_never_calls_an_empty_value_a_conflict(team, alice):
    keep = candidate_create(team=team, by=alice, first_name="Zoé", emails=["zoe@example.fr"])
    other = candidate_create(
        team=team, by=alice, first_name="Zoé", emails=["zoe@work.fr"], current_title="Cheffe de projet"
    )
    third = candidate_create(team=team, by=alice, first_name="Zoé", emails=["zoe@third.fr"], current_title="")
    keep = candidate_merge(keep=keep, other=other, by=alice)
    keep = candidate_merge(keep=keep, other=third, by=alice)
    assert keep.current_title == "Cheffe de projet"
    assert not keep.timeline.filter(kind=TimelineEvent.Kind.CONFLICT).exists()
    texts = " ".join(event.text for event in keep.timeline.all())
    assert "None" not in texts and "« »" not in texts
