"""Every page passes axe-core (no serious or critical violation), can be used with the keyboard alone, and the
pages a recruiter opens between meetings work on a phone.

axe-core is vendored for the tests (``vendor/axe-core``, MPL-2.0) and injected into each page by Playwright.
"""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from vivier.demo import DEMO_PASSWORD
from vivier.tests.pages import full_team, page_urls

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pages_of_a_full_team(transactional_db):
    team, users = full_team(candidates=40)
    user = next(u for u in users if u.language == "fr")
    client = Client()
    client.force_login(user)
    return team, user, page_urls(client, team=team, fragments=False)


def _login(browser, live_server, user, **options):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    return context, page


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
        }"""
    )
    return list(found)


def test_every_page_passes_axe_with_no_serious_violation(pages_of_a_full_team, browser, live_server):
    team, user, pages = pages_of_a_full_team
    context, page = _login(browser, live_server, user, locale="fr-FR")
    found = {}
    for name, url in pages:
        page.goto(url)
        violations = _violations(page)
        if violations:
            found[name] = violations
    context.close()
    assert len(pages) >= 25
    assert not found, "\n".join(f"{name}: {'; '.join(v)}" for name, v in found.items())


def test_the_first_tab_reaches_a_skip_link_to_the_content_with_a_visible_focus(
    pages_of_a_full_team, browser, live_server
):
    team, user, pages = pages_of_a_full_team
    context, page = _login(browser, live_server, user, locale="fr-FR")
    page.goto(reverse("replies:inbox"))
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {href: el.getAttribute("href"), text: el.textContent.trim(), visible: el.getBoundingClientRect().width > 0,
                    ring: style.outlineStyle !== "none" || style.boxShadow !== "none"};
        }"""
    )
    assert focused["href"] == "#main" and focused["text"] == "Aller au contenu" and focused["visible"]
    assert focused["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # Every control shows where the focus is.
    page.goto(reverse("pool:list"))
    for _ in range(6):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return s.outlineStyle !== "none" && s.outlineWidth !== "0px" || s.boxShadow !== "none"; }"""
        )
        assert ring, page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    context.close()


def test_the_pages_opened_between_meetings_fit_a_phone(pages_of_a_full_team, browser, live_server):
    from vivier.pool.models import Candidate
    from vivier.sequences.models import Campaign

    team, user, _ = pages_of_a_full_team
    candidate = Candidate.objects.filter(team=team, timeline__kind="message_in").first()
    campaign = Campaign.objects.filter(team=team).first()
    urls = [
        reverse("replies:inbox"),
        reverse("sequences:tasks"),
        reverse("pool:detail", args=[candidate.public_id]),
        reverse("sequences:campaign", args=[campaign.public_id]),
        reverse("pool:list"),
    ]
    context, page = _login(
        browser, live_server, user, locale="fr-FR", viewport=PHONE, is_mobile=True, has_touch=True
    )
    wide = {}
    for url in urls:
        page.goto(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        # Controls out of reach: a link, button or field that starts beyond the screen's right edge.
        # (a wide table scrolls inside its own box: what it holds is reachable by scrolling it).
        out = page.evaluate(
            """(w) => {
                const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
                    if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return true; } return false; };
                return [...document.querySelectorAll("a, button, input, select, textarea")]
                    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.left >= w && !scrolls(el); })
                    .map(el => el.outerHTML.slice(0, 80));
            }""",
            PHONE["width"],
        )
        if width > PHONE["width"] or out:
            wide[url] = (width, out[:3], page.evaluate(WIDEST))
    context.close()
    assert not wide


# The elements that stick out on the right, to name in a failure.
WIDEST = """() => [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right >= el.getBoundingClientRect().right))
    .slice(0, 4).map(el => el.outerHTML.slice(0, 100))"""
