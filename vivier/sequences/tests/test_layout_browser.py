"""Nothing overlaps in the sequence editor's step rows nor in the outbox (Chromium, at laptop widths):
every control of a row has a box of its own, and a label's text is not cut."""

import os

import pytest

from vivier.sequences.services import campaign_start, sequence_save

from .conftest import FOUR_STEPS, at, drain

WIDTHS = (1280, 1024)
SHOTS = os.environ.get("VIVIER_SCREENSHOTS")  # a folder: save what the test saw, to look at it


def overlaps(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"] + 0.5
        or b["x"] + b["width"] <= a["x"] + 0.5
        or a["y"] + a["height"] <= b["y"] + 0.5
        or b["y"] + b["height"] <= a["y"] + 0.5
    )


def boxes(locator) -> list[dict]:
    return [locator.nth(i).bounding_box() for i in range(locator.count()) if locator.nth(i).is_visible()]


def assert_apart(found: list[dict], what: str) -> None:
    assert found, f"nothing found for {what}"
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            assert not overlaps(a, b), f"{what}: {a} overlaps {b}"


def assert_not_cut(page, selector: str) -> None:
    """No element matched is narrower than its own text (text cut or spilling onto a neighbour)."""
    cut = page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.outerHTML.slice(0, 120))",
    )
    assert not cut, cut


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_step_row_of_the_sequence_editor_does_not_overlap(page, login, alice, team, width, language):
    alice.language = language
    alice.save()
    sequence = sequence_save(team=team, name="Nurture", steps=FOUR_STEPS)
    page.set_viewport_size({"width": width, "height": 900})
    login(alice)
    page.goto(f"/sequences/s/{sequence.public_id}/")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/editor-{language}-{width}.png", full_page=True)
    step = page.get_by_test_id("step").first
    controls = step.locator(".row").first.locator(
        "label:not(.check) > input, label:not(.check) > select, label.check"
    )
    assert_apart(boxes(controls), "first step row")
    labels = step.locator(".row").first.locator(":scope > label")
    assert_apart(boxes(labels), "first step row labels")
    for label in range(labels.count()):
        box, control = labels.nth(label).bounding_box(), labels.nth(label).locator("input, select").first
        inner = control.bounding_box()
        # The control sits inside its label's box: not under the next label.
        assert box["x"] - 0.5 <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 0.5
    assert_not_cut(page, "[data-testid=step] .row > label, [data-testid=step] select")
    window = step.locator(".row").nth(1).locator("input[type=time], .weekdays label")
    assert_apart(boxes(window), "send window row")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_outbox_state_labels_do_not_overlap(
    page, login, alice, team, campaign, make_candidate, width, settings
):
    from vivier.lib import clock

    settings.VIVIER_MAIL_TRANSPORT = "memory"
    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    people = [make_candidate(first_name=f"Personne{n}", last_name="Avec Un Nom Assez Long") for n in range(3)]
    campaign_start(campaign=campaign, candidates=people)
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    clock.set_now(None)
    page.set_viewport_size({"width": width, "height": 900})
    login(alice)
    page.goto("/sequences/outbox/")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/outbox-{width}.png", full_page=True)
    form = page.get_by_test_id("outbox-filter")
    assert_apart(boxes(form.locator(":scope > label, :scope > div")), "outbox filter")
    for label in range(form.locator(":scope > label").count()):
        box = form.locator(":scope > label").nth(label).bounding_box()
        inner = form.locator(":scope > label").nth(label).locator("select").bounding_box()
        assert box["x"] - 0.5 <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 0.5
    rows = page.locator("table tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td > *")
        assert_apart(boxes(cells), f"outbox row {i}")
    assert_not_cut(page, ".badge")


@pytest.mark.browser
def test_the_preview_picker_finds_any_candidate_by_a_search_on_the_server(
    page, login, alice, team, make_candidate
):
    from vivier.pool.tests.factories import candidate_make

    for n in range(230):
        candidate_make(team=team, first_name=f"Aa{n:03d}", last_name="Aaron", email=f"aa{n}@example.org")
    make_candidate(first_name="Zoé", last_name="Zylberstein", current_title="Infirmière")
    sequence = sequence_save(
        team=team, name="Nurture", steps=[{"delay": 0, "body_fr": "Bonjour {{ candidate.first_name }} !"}]
    )
    login(alice)
    page.goto(f"/sequences/s/{sequence.public_id}/")
    picker = page.get_by_test_id("preview-candidate")
    assert "Zylberstein" not in picker.inner_text()
    page.get_by_test_id("preview-search").fill("zylber")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=preview-candidate]').selectedOptions[0].text.includes('Zylberstein')"
    )
    assert picker.locator("option").count() == 2  # the blank choice and Zoé
    page.get_by_test_id("step-preview").first.click()
    page.get_by_test_id("preview-body").first.wait_for()
    assert "Bonjour Zoé !" in page.get_by_test_id("preview-body").first.inner_text()
    page.get_by_test_id("preview-search").fill("personne-de-ce-nom")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=preview-candidate] option').length === 1"
    )
