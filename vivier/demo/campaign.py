"""The campaign part of ``vivier demo`` (called by ``vivier.demo.seed`` as ``seed_demo(team, users)``).

It adds what a recruiter would have set up on their first morning:

1. the bundled nurture playbook (``vivier/sequences/data/nurture.yaml``: a first message, follow-ups after 2 days, 4 days
   and a week, then a 6-month snooze), in French and English, with the personal ``{{ hook }}`` line;
2. two jobs (a backend developer in Lyon, a night nurse in Paris) with a pitch and a salary range;
3. two saved segments;
4. a running campaign on 10-20 developers, each with a hook written for them, sent through the built-in
   outbox (no mailbox: nothing leaves the machine).

The campaign was launched on the last working morning: it is started just before the most recent opening
of its send window that is already past, and one engine pass runs at that opening. So the outbox shows the
first messages right after ``vivier demo``, whatever the hour, each sent inside its window; the follow-ups
are then due for the worker (``vivier serve`` runs it, or ``vivier worker --once --now ...`` moves time).
"""

import datetime as dt
import logging
from pathlib import Path

from django.db.models import Prefetch

import vivier.sequences
from vivier.jobs.models import Job
from vivier.jobs.services import job_create
from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.pool.models import Candidate, CandidateTag
from vivier.segments.selectors import segment_candidates
from vivier.segments.services import segment_create
from vivier.sequences import engine
from vivier.sequences.models import Campaign, Sequence
from vivier.sequences.services import campaign_create, campaign_start, sequence_import_yaml

log = logging.getLogger(__name__)

# The playbook the sequences app ships (its README example and an engine test read it too).
PLAYBOOK = Path(vivier.sequences.__file__).resolve().parent / "data" / "nurture.yaml"
CAMPAIGN_NAME = "Backend Python Lyon — relance vivier"
CAMPAIGN_SIZE = 15
CAMPAIGN_MIN = 10
# Narrowest first: the first query that finds enough developers is the campaign's segment (a small demo
# pool has few senior developers around Lyon).
CAMPAIGN_QUERIES = (
    'job:"software development" within:30km:Lyon seniority>=senior',
    'job:"software development" within:30km:Lyon',
    'job:"software development" country:FR seniority>=mid',
    'job:"software development" country:FR',
    "country:FR",
)
SEGMENTS = (
    (
        "Dév seniors autour de Lyon",
        CAMPAIGN_QUERIES[0],
        "Développeurs et développeuses confirmés à 30 km de Lyon, pour le poste backend Python.",
    ),
    (
        "Infirmier·ères à Paris",
        'job:"nursing and care" within:20km:Paris',
        "Soignants à 20 km de Paris, pour les postes de nuit.",
    ),
)
JOBS = (
    {
        "title": "Développeur·se backend Python",
        "company": "Kelvo",
        "location": "Lyon",
        "salary_min": 48000,
        "salary_max": 60000,
        "slug": "backend-python-lyon",
        "pitch": "Kelvo (45 personnes, logiciel de planification pour le BTP) renforce son équipe backend : "
        "Python 3.12, Django, PostgreSQL, une équipe de 6, deux jours de télétravail par semaine, "
        "des locaux à deux pas de la Part-Dieu.",
    },
    {
        "title": "Infirmier·ère de nuit",
        "company": "Clinique des Lilas",
        "location": "Paris 20e",
        "salary_min": 34000,
        "salary_max": 41000,
        "slug": "infirmier-nuit-paris",
        "pitch": "La Clinique des Lilas cherche un·e IDE de nuit en chirurgie ambulatoire : 12 nuits par mois, "
        "prime de nuit majorée, équipe stable, parking gratuit.",
    },
)
HOOKS_FR = (
    "Votre parcours de {title}{at_company} m'a marqué, en particulier votre pratique de {skill}.",
    "J'ai vu que vous travaillez avec {skill} comme {title}{at_company} : c'est exactement ce que cherche "
    "l'équipe.",
    "Votre expérience de {title} ({skill}) correspond de près à ce que Kelvo construit en ce moment.",
)
HOOKS_EN = (
    "Your work as {title}{at_company}, especially with {skill}, caught my eye.",
    "I saw you use {skill} as {title}{at_company}: that is exactly what the team is looking for.",
    "Your experience as {title} ({skill}) is very close to what Kelvo is building right now.",
)
# The skills the job is about come first in a hook.
JOB_SKILLS = ("Python", "Django", "PostgreSQL", "FastAPI", "Docker", "REST APIs", "SQL")


def seed_demo(team, users) -> None:
    owner = users[0] if users else None
    sequence = sequence_import_yaml(team=team, text=PLAYBOOK.read_text(encoding="utf-8"))
    jobs = [job_create(team=team, **job) for job in JOBS]
    _segments(team, owner)
    query, candidates = _campaign_candidates(team)
    if not candidates:
        log.info("demo: no candidate for the demo campaign (pool too small)")
        return
    _campaign(team=team, owner=owner, sequence=sequence, job=jobs[0], query=query, candidates=candidates)


def _segments(team, owner) -> None:
    for name, query, description in SEGMENTS:
        segment_create(team=team, owner=owner, name=name, query=query, description=description)


def _campaign_candidates(team) -> tuple[str, list[Candidate]]:
    """The first query with enough reachable developers, and up to CAMPAIGN_SIZE of them."""
    found: tuple[str, list[Candidate]] = ("", [])
    for query in CAMPAIGN_QUERIES:
        qs = segment_candidates(team=team, query=query)
        # One time zone (the team's) so that one engine pass at the window's opening reaches them all.
        qs = (
            qs.filter(unsubscribed_at__isnull=True, time_zone=team.time_zone)
            .order_by("id")
            .prefetch_related(
                Prefetch(
                    "tags",
                    queryset=CandidateTag.objects.filter(kind=CandidateTag.Kind.SKILL),
                    to_attr="skill_tags",
                )
            )
        )
        chosen = list(qs[:CAMPAIGN_SIZE])
        if len(chosen) > len(found[1]):
            found = (query, chosen)
        if len(chosen) >= CAMPAIGN_MIN:
            break
    return found


def hook_for(candidate: Candidate, index: int) -> str:
    """A personal line built from what the pool knows about the candidate (title, company, a skill)."""
    skills = [t.label for t in getattr(candidate, "skill_tags", [])]
    relevant = [s for s in JOB_SKILLS if s in skills] or skills or ["Python"]
    english = candidate.preferred_language == "en"
    title = candidate.current_title or ("developer" if english else "développeur·se")
    company = candidate.current_company
    at_company = (f" at {company}" if english else f" chez {company}") if company else ""
    templates = HOOKS_EN if english else HOOKS_FR
    return templates[index % len(templates)].format(title=title, at_company=at_company, skill=relevant[0])


def launch_instant(team, sequence: Sequence, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """(launch, first send): 08:00 on the latest day whose send window opened at or before ``now``."""
    step = sequence.steps.order_by("position").first()
    zone = tzlib.zone(team.time_zone)
    today = tzlib.local(now, zone).date()
    for back in range(0, 30):
        launched = dt.datetime.combine(today - dt.timedelta(days=back), dt.time(8, 0), tzinfo=zone)
        opens = tzlib.next_in_window(launched, **step.window(zone=zone, country=team.holidays))
        if opens <= now:
            return launched.astimezone(dt.UTC), opens
    return now, now


def _campaign(
    *, team, owner, sequence: Sequence, job: Job, query: str, candidates: list[Candidate]
) -> Campaign:
    now = clock.now()
    launched, first_send = launch_instant(team, sequence, now)
    hooks = {str(c.public_id): hook_for(c, i) for i, c in enumerate(candidates)}
    with clock.frozen_at(launched):
        campaign = campaign_create(
            team=team, name=CAMPAIGN_NAME, sequence=sequence, job=job, owner=owner, segment_query=query
        )
        campaign_start(
            campaign=campaign,
            candidates=Candidate.objects.filter(pk__in=[c.pk for c in candidates]),
            by=owner,
            hooks=hooks,
            allow_missing=True,
        )
    # The first messages go out when the window opened (the engine decides, window by window).
    with clock.frozen_at(first_send):
        while engine.handle_one_due():
            pass
    return campaign
