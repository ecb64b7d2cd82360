"""A recruiter's whole path in Chromium: job, 4-step sequence with preview, launch through the wizard (a refused
launch, a hook filled in), campaign page, pause/resume, the worker's first sends in the outbox, a task done."""

import pytest

from vivier.lib import clock
from vivier.sequences import engine
from vivier.sequences.models import Campaign, Enrollment, Sequence, Task

from .conftest import at


def run_worker():
    while engine.handle_one_stale() or engine.handle_one_due() or engine.handle_one_retry():
        pass


@pytest.fixture
def pinned_clock():
    yield clock.set_now
    clock.set_now(None)


@pytest.mark.browser
def test_a_recruiter_writes_launches_and_follows_a_campaign(page, login, bob, make_candidate, pinned_clock):
    anne = make_candidate(first_name="Anne", last_name="Roux", current_title="Développeuse")
    bruno = make_candidate(first_name="Bruno", last_name="Moreau")
    pinned_clock(at("2026-03-02 08:00 Europe/Paris"))  # a Monday, before the send window opens
    login(bob)

    # A job, with its pitch.
    page.goto("/jobs/new/")
    page.fill("[name=title]", "Développeuse Python")
    page.fill("[name=company]", "Alvéa")
    page.fill("[name=location]", "Lyon")
    page.fill("[name=salary_min]", "45000")
    page.fill("[name=salary_max]", "55000")
    page.fill("[name=pitch]", "Une équipe de 6, du Django, du télétravail.")
    page.click("[data-testid=save-job]")
    page.wait_for_url("**/jobs/")
    assert "45k–55k EUR" in page.locator("[data-testid=job-row]").inner_text()

    # A 4-step sequence: email, LinkedIn after 2 days, email after 4 days, email after a week.
    page.goto("/sequences/new/")
    page.fill("[name=name]", "Nurture Python")
    page.fill("[name=s0-subject_fr]", "Un poste de {{ job.title }} chez {{ job.company }}")
    page.fill(
        "[name=s0-body_fr]",
        "Bonjour {{ candidate.first_name }},\n\n{{ hook }}\n\n{{ job.pitch }}\n\n{{ sender.first_name }}",
    )
    page.fill("[name=s0-body_en]", "Hello {{ candidate.first_name }},\n\n{{ hook }}\n\n{{ job.pitch }}")
    steps = [
        ("2", "linkedin", "Salut {{ candidate.first_name }}, as-tu vu mon email ?"),
        ("4", "email", "Je me permets de relancer, {{ candidate.first_name }}."),
        ("7", "email", "Dernier message de ma part."),
    ]
    for n, (delay, channel, body) in enumerate(steps, start=1):
        page.click("[data-testid=add-step]")
        page.fill(f"[name=s{n}-delay]", delay)
        page.select_option(f"[name=s{n}-channel]", channel)
        page.fill(f"[name=s{n}-body_fr]", body)
    assert page.locator("[data-testid=step]").count() == 4

    # Live preview for Anne, first with a broken template, then fixed.
    page.select_option("[data-testid=preview-candidate]", str(anne.public_id))
    page.select_option("[data-testid=preview-job]", label="Développeuse Python · Alvéa")
    page.fill("[name=s2-body_fr]", "Je me permets de relancer, {{ candidate.first_name ")
    page.locator("[data-testid=step-preview]").nth(2).click()
    page.locator("#preview-2 [data-testid=preview-errors]").wait_for()
    page.fill("[name=s2-body_fr]", "Je me permets de relancer, {{ candidate.first_name }}.")
    # Live: the preview follows the typing, no click needed.
    page.locator(
        "#preview-2 [data-testid=preview-body]", has_text="Je me permets de relancer, Anne."
    ).wait_for()
    page.fill("[data-testid=preview-hook]", "J'ai vu votre talk sur Django.")
    # htmx swaps the preview in place: the page (and what was typed) stays.
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.locator("[data-testid=step-preview]").nth(0).click()
    page.locator("#preview-0 [data-testid=preview-body]").wait_for()
    assert (
        page.locator("#preview-0 [data-testid=preview-subject]").inner_text()
        == "Un poste de Développeuse Python chez Alvéa"
    )
    body = page.locator("#preview-0 [data-testid=preview-body]").inner_text()
    assert "Bonjour Anne," in body and "J'ai vu votre talk sur Django." in body and "Bob" in body
    page.click("[data-testid=save-sequence]")
    page.wait_for_url("**/sequences/s/*/")
    sequence = Sequence.objects.get(name="Nurture Python")
    assert [(s.delay, s.channel) for s in sequence.steps.all()] == [
        (0, "email"),
        (2, "linkedin"),
        (4, "email"),
        (7, "email"),
    ]
    assert page.locator("[data-testid=export]").is_visible()

    # The launch wizard: who, what, then the review.
    page.goto(f"/sequences/launch/?sequence={sequence.public_id}")
    page.fill("[name=candidates]", f"{anne.primary_email}\n{bruno.primary_email}\nnobody@example.net")
    page.select_option("[name=job]", label="Développeuse Python · Alvéa")
    page.click("[data-testid=to-review]")
    page.wait_for_url("**/review/")
    assert page.locator("[data-testid=count-missing]").inner_text() == "2"
    assert "nobody@example.net" in page.locator("[data-testid=unknown]").inner_text()
    page.fill(f"[name=hook-{anne.public_id}]", "Votre talk sur Django à PyCon FR m'a marqué.")
    page.click("[data-testid=launch]")
    refused = page.locator("[data-testid=launch-refused]")
    refused.wait_for()
    assert "Bruno" in refused.inner_text() and "missing value hook" in refused.inner_text()
    assert not Enrollment.objects.exists()
    page.fill(f"[name=hook-{bruno.public_id}]", "Votre lib open source de parsing m'a bluffé.")
    page.click("[data-testid=launch]")

    # The campaign page: both active, two first emails upcoming; pause and resume.
    page.wait_for_url("**/campaigns/*/")
    campaign = Campaign.objects.get(sequence=sequence)
    assert page.locator("[data-testid=campaign-status]").get_attribute("data-status") == "running"
    assert page.locator("[data-testid=count-active]").get_attribute("data-count") == "2"
    assert page.locator("[data-testid=upcoming-row]").count() == 2
    assert page.locator("[data-testid=candidate-link]").first.get_attribute("href").startswith("/pool/c/")
    page.click("[data-testid=pause]")
    page.locator("[data-testid=resume]").wait_for()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PAUSED
    page.click("[data-testid=resume]")
    page.locator("[data-testid=pause]").wait_for()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.RUNNING

    # The worker at 09:05 on Monday: the first emails land in the outbox.
    pinned_clock(at("2026-03-02 09:05 Europe/Paris"))
    run_worker()
    page.goto("/sequences/outbox/")
    rows = page.locator("[data-testid=message-row]")
    assert rows.count() == 2
    assert all(rows.nth(i).get_attribute("data-status") == "sent" for i in range(2))
    page.locator("[data-testid=message-link]", has_text="Un poste de Développeuse Python").first.click()
    page.wait_for_url("**/outbox/*/")
    headers = page.locator("[data-testid=headers]").inner_text()
    assert "Message-ID" in headers and "List-Unsubscribe" in headers
    text = page.locator("[data-testid=message-body]").inner_text()
    assert "Votre" in text and "Une équipe de 6" in text

    # Wednesday: the LinkedIn step becomes a task with its text; done moves the sequence on.
    pinned_clock(at("2026-03-04 09:05 Europe/Paris"))
    run_worker()
    page.goto("/sequences/tasks/")
    task = page.locator("[data-testid=task][data-kind=linkedin]", has_text="Anne")
    assert "Salut Anne, as-tu vu mon email ?" in task.locator("[data-testid=task-text]").input_value()
    task.locator("[data-testid=task-done]").click()
    page.locator("[data-testid=task][data-done='1']").wait_for()
    done = Task.objects.get(candidate=anne, kind="linkedin")
    assert done.done_at is not None
    enrollment = Enrollment.objects.get(candidate=anne)
    assert enrollment.next_position == 2 and enrollment.next_at is not None


PLAYBOOK = """name: Playbook importé
steps:
  - delay: 0 days
    subject: {fr: "Un mot, {{ candidate.first_name }}", en: "A word, {{ candidate.first_name }}"}
    body: {fr: "Bonjour {{ candidate.first_name }}", en: "Hello {{ candidate.first_name }}"}
  - delay: 3 business days
    channel: call
    body: {fr: "Appeler {{ candidate.first_name }}"}
end: {wait_days: 7, snooze_months: 3}
"""


@pytest.mark.browser
def test_a_recruiter_imports_exports_and_finds_lists(page, login, bob, team, sequence, campaign):
    login(bob)
    page.goto("/sequences/")
    assert "Nurture 4 étapes" in page.locator("[data-testid=sequence-list]").inner_text()
    page.fill("[name=text]", "name: broken\nsteps: [\n")
    page.click("[data-testid=import]")
    assert "not valid YAML" in page.locator("[data-testid=import-errors]").inner_text()
    page.fill("[name=text]", PLAYBOOK)
    page.click("[data-testid=import]")
    page.wait_for_url("**/sequences/s/*/")
    assert page.locator("[data-testid=step]").count() == 2
    assert page.locator("[name=s1-channel]").input_value() == "call"
    assert page.locator("[name=s1-delay_unit]").input_value() == "business_days"
    with page.expect_download() as download:
        page.click("[data-testid=export]")
    exported = open(download.value.path(), encoding="utf-8").read()
    assert "Playbook importé" in exported and "business_days" in exported

    page.goto("/sequences/campaigns/")
    assert "Python Lyon" in page.locator("[data-testid=campaign-list]").inner_text()
    page.goto("/jobs/")
    page.click("text=Développeuse Python")
    page.fill("[name=location]", "Lyon ou télétravail")
    page.click("[data-testid=save-job]")
    page.wait_for_url("**/jobs/")
    assert "Lyon ou télétravail" in page.locator("[data-testid=job-list]").inner_text()
