"""Every HTML page a signed-in recruiter can open, found from the URL configuration, and a team whose data
fills every feature so that each page shows what it can show (the language and accessibility tests use it).

    team, users = full_team()               # the demo team plus an import with errors, a relabel, a snooze...
    for name, url in page_urls(client):     # (route name, a URL that answers 200 with HTML)
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Routes that are not a recruiter's pages: the API, the public pages a candidate opens, sign-in and the pages
# a token in an email opens (password reset), the JSON probe for monitors, webhooks, downloads and the
# POST-only actions (these answer 405 to a GET and are skipped anyway).
SKIP_NAMESPACES = {"api", "anymail", "mail"}
SKIP_NAMES = {"accounts:login", "accounts:logout", "accounts:password_reset_confirm", "healthz"}
# A file format in the route (``.<fmt>``) makes it a download.
SKIP_PARAMS = {"fmt"}


def _routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if entry.namespace and namespace else entry.namespace
            yield from _routes(entry, inner or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, list(entry.pattern.converters)


def full_team(*, candidates: int = 60):
    """The demo team (pool, duplicates, campaign, replies of each intent, tasks) plus what the demo lacks:
    a relabelled reply, a snooze, an unsubscription, a done task, a note, an import batch with row errors."""
    from vivier.accounts.models import Membership
    from vivier.demo.seed import demo_seed
    from vivier.lib import clock
    from vivier.mail.services import mailbox_create
    from vivier.pool.models import Candidate, ImportBatch
    from vivier.pool.services import job_family_add, note_add
    from vivier.pool.services.candidates import candidate_create, candidate_update
    from vivier.pool.services.merge import candidate_merge
    from vivier.pool.services.timeline import timeline_add
    from vivier.replies.models import Reply
    from vivier.replies.services.corrections import reply_correct
    from vivier.segments.services import segment_create
    from vivier.sequences.models import Task
    from vivier.sequences.services.enrollments import candidate_snooze, candidate_unsubscribe
    from vivier.sequences.services.tasks import task_complete

    result = demo_seed(candidates=candidates, seed=7)
    team, users = result.team, result.users
    # Both readers see the admin's pages too (custom fields, team settings).
    Membership.objects.filter(team=team).update(role=Membership.Role.ADMIN)
    people = list(Candidate.objects.filter(team=team).order_by("id")[:4])
    note_add(candidate=people[0], author=users[0], body="Zq 42")
    # By hand, edited, then merged with a record that disagrees (created, edited, merged, conflict).
    made = candidate_create(
        team=team,
        by=users[0],
        first_name="Zoq",
        last_name="Qix",
        emails=["zoq@example.org"],
        phones=["+44 7700 900123"],
        current_title="Qzx",
        tags={"lang": ["en"], "job": ["Backend"]},
    )
    candidate_update(candidate=made, by=users[0], current_company="Qyv")
    twin = candidate_create(
        team=team,
        by=users[0],
        first_name="Zoq",
        last_name="Qix",
        emails=["zoq2@example.org"],
        current_title="Qzw",
        phones=["06 12 34 56 78"],
    )
    candidate_merge(keep=made, other=twin, by=users[0])
    reply = Reply.objects.filter(team=team).order_by("id").first()
    if reply is not None:
        reply_correct(reply=reply, intent="not_interested", reason="salary", by=users[0])
    now = clock.now()
    candidate_snooze(candidate=people[1], until=now + dt.timedelta(days=90), at=now)
    candidate_unsubscribe(candidate=people[2], at=now, via="unsubscribe page")
    task = Task.objects.filter(team=team, done_at__isnull=True).order_by("id").first()
    if task is not None:
        task_complete(task=task, by=users[0])
    segment_create(team=team, owner=users[0], name="Zq replied", query="replied:yes")
    mailbox_create(
        team=team, address="zq@example.org", kind="outbox", owner=users[0], imap_host="imap.example.org"
    )
    # What the mailbox watchers write: a reply to check and its check, a message written in the mailbox,
    # a message found in the Sent folder.
    for kind, params in (
        ("reply_to_check", {"intent": "not_interested", "paused": True}),
        ("reply_checked", {"from": "not_interested", "to": "interested", "resumed": True}),
        ("reply_checked", {"to": "interested", "confirmed": True}),
        ("message_written", {"from": "zq@example.org", "subject": "Zq", "text": "Zq"}),
        ("message_found_sent", {"mailbox": "zq@example.org", "subject": "Zq", "folder": "Sent"}),
    ):
        timeline_add(candidate=people[3], kind=kind, params=params, at=now)
    job_family_add(
        team=team, tag="zq sommellerie", name_en="Wine service", name_fr="Sommellerie", synonyms=["zq"]
    )
    ImportBatch.objects.create(
        team=team,
        filename="zq.csv",
        source="zq.csv",
        status=ImportBatch.Status.DONE,
        rows=3,
        created=1,
        created_at=now,
        finished_at=now,
        errors=[
            {
                "row": 2,
                "message": "too many columns: 4 cells but the header has 3",
                "code": "too_many_columns",
                "params": {"cells": 4, "width": 3},
            },
            {
                "row": 3,
                "message": "no email, phone or LinkedIn URL: a candidate needs at least one to be told apart "
                "from the others",
                "code": "no_key",
                "params": {},
            },
            {
                "row": 4,
                "message": "invalid phone '12'",
                "code": "invalid_phone",
                "params": {"value": "12", "kept": True},
            },
        ],
    )
    return team, users


def page_urls(client, *, team, fragments: bool = True) -> list[tuple[str, str]]:
    """(route name, URL) of every route that answers a GET with an HTML page for the signed-in client.

    A route with an id is tried with an object of each model that has ``public_id`` (or a segment's id):
    the first one the page accepts is used, so a new page with a new kind of object is found without a
    list to keep up to date. A route none of them opens is reported with an empty URL. ``fragments=False``
    leaves out the routes that answer a piece of a page (htmx suggestions), not a whole document.
    """
    objects = _objects(team)
    pages = []
    for name, params in _routes():
        if set(name.split(":")[:-1]) & SKIP_NAMESPACES or name in SKIP_NAMES:
            continue
        if not params:
            urls = [reverse(name)]
        elif params == ["token"]:
            urls = [_import_preview(client)]
        elif set(params) & SKIP_PARAMS:
            continue
        elif len(params) == 1:
            urls = [reverse(name, kwargs={params[0]: value}) for value in objects]
        else:
            urls = [url for url in [_several(name, team)] if url]
        found = ""
        allowed = False
        for url in urls:
            response = client.get(url)
            if response.status_code == 405:
                allowed = True
                break
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                if not fragments and b"<html" not in response.content[:500]:
                    allowed = True
                    break
                found = url
                break
            if response.status_code in (200, 302):
                allowed = True  # a download or a redirect: not a page
        if found or not allowed:
            pages.append((name, found))
    return pages


def _several(name: str, team) -> str:
    """A URL for the routes with several parts: the objects they take are named here."""
    from vivier.sequences.models import Campaign, Enrollment

    enrollment = Enrollment.objects.filter(campaign__team=team).order_by("pk").first()
    campaign = Campaign.objects.filter(team=team).order_by("pk").first()
    if name == "sequences:review_preview" and enrollment is not None:
        return reverse(name, args=[enrollment.campaign.public_id, enrollment.candidate.public_id])
    if name == "insights:reason" and campaign is not None:
        return reverse(name, args=[campaign.public_id, "salary"])
    return ""


def timeline_pages(team) -> dict[str, str]:
    """{timeline kind: the page of a candidate with an event of that kind} for the kinds the team's
    timelines hold, and {"task:<kind>": ...} for each kind of task."""
    from vivier.pool.models import TimelineEvent
    from vivier.segments.models import Segment
    from vivier.sequences.models import Task

    pages = {}
    for kind, public_id in TimelineEvent.objects.filter(candidate__team=team).values_list(
        "kind", "candidate__public_id"
    ):
        pages.setdefault(kind, reverse("pool:detail", args=[public_id]))
    for kind, public_id in Task.objects.filter(team=team).values_list("kind", "candidate__public_id"):
        pages.setdefault(f"task:{kind}", reverse("pool:detail", args=[public_id]))
    for name, segment_id in Segment.objects.filter(team=team).values_list("name", "public_id"):
        pages[f"segment:{name}"] = reverse("segments:detail", args=[segment_id])
    return pages


def _objects(team) -> list[str]:
    values = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        key = "public_id" if "public_id" in names else None
        if key is None:
            continue
        rows = model.objects.all()
        if "team" in names:
            rows = rows.filter(team=team)
        for value in rows.order_by("pk").values_list(key, flat=True)[:3]:
            values.append(str(value))
    return values


def _import_preview(client) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("zq.csv", b"first_name,last_name,email\nZoq,Qix,zoq.qix@example.org\n")
    response = client.post(reverse("pool:import"), {"file": upload, "format": "auto", "source": ""})
    return response.headers.get("Location", reverse("pool:import"))


# --- What a page says ----------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d]+(?:[’'][^\W\d]+)?|\w+_\w+")
_SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


class _Chrome(HTMLParser):
    """The text a reader sees or hears, leaving out scripts, styles, and elements in another language."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _muted(self) -> bool:
        return any(muted for _, muted in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = attrs.get("lang") not in (None, "", self.lang)
        # Code (query examples, headers) and preformatted data (a message's body) are not worded for a reader.
        muted = (
            other
            or tag in ("script", "style", "template", "code", "pre", "kbd", "samp")
            or attrs.get("translate") == "no"
        )
        if not (muted or self._muted()):
            self.parts.extend(str(attrs[a]) for a in _SHOWN_ATTRIBUTES if attrs.get(a))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(str(attrs["value"]))
        if tag not in self.VOID:
            self.stack.append((tag, muted))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._muted():
            self.parts.append(data)


def page_text(html: str, lang: str) -> str:
    parser = _Chrome(lang)
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def where(text: str, word: str, width: int = 40) -> str:
    """The first place ``word`` is said in ``text``, to show in a failure."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return text[max(0, found.start() - width) : found.end() + width] if found else word


def user_words(team) -> set[str]:
    """Words of what people typed or sent (names, titles, messages, templates...): they are in whatever
    language their author wrote, so the check leaves them out. Codes and labels are not in this list."""
    from vivier.accounts.models import Team, User
    from vivier.jobs.models import Job
    from vivier.pool.models import Candidate, CandidateEmail, CandidateSource, CandidateTag, CustomField, Note
    from vivier.replies.models import InboundMessage
    from vivier.segments.models import Segment
    from vivier.sequences.models import Campaign, Enrollment, OutboundMessage, Sequence, Step

    fields = [
        (Team.objects.filter(pk=team.pk), ["name"]),
        (User.objects.all(), ["first_name", "last_name", "username", "email"]),
        (Job.objects.filter(team=team), ["title", "company", "location", "pitch"]),
        (
            Candidate.objects.filter(team=team),
            [
                "first_name",
                "last_name",
                "headline",
                "current_title",
                "current_company",
                "city",
                "custom_fields",
                "consent_informed_via",
            ],
        ),
        (CandidateEmail.objects.filter(candidate__team=team), ["email"]),
        (CandidateSource.objects.filter(candidate__team=team), ["name", "referrer", "job"]),
        (CandidateTag.objects.filter(candidate__team=team, kind__in=("skill", "tag")), ["label"]),
        (CustomField.objects.filter(team=team), ["label", "choices"]),
        (Note.objects.filter(candidate__team=team), ["body"]),
        (InboundMessage.objects.all(), ["from_name", "subject", "visible_text", "text"]),
        (Segment.objects.filter(team=team), ["name", "description", "query"]),
        (Sequence.objects.filter(team=team), ["name", "description"]),
        (Step.objects.filter(sequence__team=team), ["subject_fr", "body_fr", "subject_en", "body_en"]),
        (Campaign.objects.filter(team=team), ["name"]),
        (Enrollment.objects.filter(campaign__team=team), ["hook"]),
        (OutboundMessage.objects.filter(team=team), ["subject", "body", "to_name", "from_name"]),
    ]
    words: set[str] = set()
    for rows, names in fields:
        for values in rows.values_list(*names):
            words.update(_WORD.findall(" ".join(str(v) for v in values if v)))
    return words
