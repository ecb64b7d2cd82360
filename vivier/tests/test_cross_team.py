"""Charlie (another team) asks for every page and API route with each of Alice's objects in its path: he gets a
refusal (404, 403, 405, a 4xx about his input), never one of Alice's objects, never a server error.

The routes come from the URL configuration (the pages and the API's, which ninja mounts there too), so a new
route is covered without anyone adding it here; the objects are every row of Alice's team that has a public
id, so a new model is covered too.
"""

import re

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver

from vivier.mail import transport
from vivier.sequences.tests import conftest as seqfix

# The sequences app's fixtures: a campaign of four steps owned by Alice, candidates, a pinned clock.
campaign, job, make_candidate, now_at, sequence = (
    seqfix.campaign,
    seqfix.job,
    seqfix.make_candidate,
    seqfix.now_at,
    seqfix.sequence,
)

# Parameters that are not an object of the team: filled with a value of the right shape.
NOT_AN_OBJECT = {"action": "pause", "token": "not-a-token"}
# Routes any visitor may open by design (the token in the path is the credential; Django's password-reset
# confirmation answers an unknown one with its "invalid link" page).
PUBLIC = ("mail/unsubscribe/", "accounts/password/reset/")
SAFE = {200, 204}  # statuses that would hand an object over
REFUSED = {400, 403, 404, 405, 409, 422}
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes() -> list[str]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    found = sorted({r for r in walk(get_resolver().url_patterns) if "<" in r and not r.startswith(PUBLIC)})
    return [r.lstrip("^").rstrip("$") for r in found]


def team_objects(team) -> list[tuple[str, str]]:
    """(model label, public id) of every row of ``team`` that has a public id."""
    found = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "public_id" in names and "team" in names:
            for pk in model.objects.filter(team=team).values_list("public_id", flat=True):
                found.append((model._meta.label, str(pk)))
    return found


def fill(route: str, value: str, slugs: dict[str, str]) -> str | None:
    def one(m):
        name, converter = m.group("name"), m.group("converter") or "str"
        if name in NOT_AN_OBJECT:
            return NOT_AN_OBJECT[name]
        if converter == "slug":
            return slugs.get(name, "x")
        return value

    return "/" + PARAM.sub(one, route)


@pytest.fixture
def alices_world(team, alice, alice_token, settings, make_candidate, campaign, now_at):
    """One of each kind of thing Alice's team holds: candidates, a note, a job, a sequence, a running
    campaign with a sent message and a task, a segment, a reply, a custom field, an import, a token."""
    from vivier.pool.services import custom_field_create
    from vivier.replies.capture import inbound_store
    from vivier.replies.services import handle_one_inbound
    from vivier.segments.services import segment_create
    from vivier.sequences.models import OutboundMessage
    from vivier.sequences.services import campaign_start
    from vivier.sequences.tests.conftest import at, drain

    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    hélène = make_candidate(first_name="Hélène", email="helene@example.org")
    make_candidate(first_name="Inès")
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    sent = OutboundMessage.objects.get(candidate=hélène)
    raw = (
        f"From: helene@example.org\r\nTo: {sent.from_email}\r\nSubject: Re: {sent.subject}\r\n"
        f"In-Reply-To: {sent.message_id}\r\nMessage-ID: <r1@example.org>\r\n\r\nOui, appelez-moi jeudi.\r\n"
    ).encode()
    inbound_store(raw=raw, source="imap", team=team)
    while handle_one_inbound():
        pass
    segment_create(team=team, owner=alice, name="Lyon", query="city:Lyon")
    field = custom_field_create(team=team, label="Permis B")
    transport.memory_outbox.clear()
    return {"key": field.key}


def _leaks(body: bytes, secrets: list[str]) -> list[str]:
    text = body.decode(errors="replace")
    return [s for s in secrets if s in text]


@pytest.mark.slow
@pytest.mark.django_db
def test_another_team_gets_none_of_alices_objects_on_any_route(
    alices_world, team, client, charlie, other_team
):
    from vivier.accounts.services import api_token_create

    objects = team_objects(team)
    kinds = {label for label, _ in objects}
    # The world really has one of each kind the routes take.
    assert {"pool.Candidate", "sequences.Campaign", "sequences.OutboundMessage", "replies.Reply"} <= kinds
    _, raw = api_token_create(user=charlie, team=other_team, name="probe")
    api = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client.force_login(charlie)
    problems, tried = [], 0
    for route in routes():
        for label, value in objects:
            path = fill(route, value, {"key": alices_world["key"]})
            methods = (
                ("get", "post", "put", "patch", "delete") if route.startswith("api/") else ("get", "post")
            )
            for method in methods:
                kw = dict(api, content_type="application/json", data="{}") if route.startswith("api/") else {}
                if method == "get":
                    kw.pop("data", None)
                    kw.pop("content_type", None)
                response = getattr(client, method)(path, **kw)
                tried += 1
                status = response.status_code
                if status >= 500 or status in SAFE or (300 <= status < 400 and method != "get"):
                    problems.append(f"{method.upper()} {path} ({label}) -> {status}")
                elif status not in REFUSED and not (300 <= status < 400):
                    problems.append(f"{method.upper()} {path} ({label}) -> unexpected {status}")
                elif leaked := _leaks(response.content, [value]):
                    problems.append(f"{method.upper()} {path} ({label}) -> {status} shows {leaked}")
    print(f"\ncross-team: {len(routes())} routes x {len(objects)} objects, {tried} requests")
    assert tried > 500
    assert not problems, "\n".join(problems[:50])
