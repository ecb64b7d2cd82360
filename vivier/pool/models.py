import functools
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team

from . import timeline


class Seniority(models.IntegerChoices):
    """Ordered, so that segments can say ``seniority>=senior``."""

    INTERN = 10, _("Intern / apprentice")
    JUNIOR = 20, _("Junior")
    MID = 30, _("Mid-level")
    SENIOR = 40, _("Senior")
    LEAD = 50, _("Lead / principal")
    EXECUTIVE = 60, _("Executive")


class RemotePreference(models.TextChoices):
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent (CDI)")
    FIXED_TERM = "fixed_term", _("Fixed term (CDD)")
    FREELANCE = "freelance", _("Freelance")
    INTERIM = "interim", _("Interim")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship / internship")


class SalaryPeriod(models.TextChoices):
    YEAR = "year", _("per year")
    MONTH = "month", _("per month")
    DAY = "day", _("per day")
    HOUR = "hour", _("per hour")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")
    CONTRACT = "contract", _("Pre-contractual steps (application)")


@functools.lru_cache(maxsize=256)
def _name_set(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)


class Candidate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="candidates")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_candidates",
    )

    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    # Lower-case, accent-free, single-spaced "first last": the possible-duplicate key (indexed with the team,
    # see Meta: the duplicate check is the only equality lookup on it).
    name_key = models.CharField(max_length=300, blank=True)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    current_title = models.CharField(_("current title"), max_length=200, blank=True)
    current_company = models.CharField(_("current company"), max_length=200, blank=True)

    seniority = models.PositiveSmallIntegerField(
        _("seniority"), choices=Seniority.choices, null=True, blank=True
    )
    years_experience = models.PositiveSmallIntegerField(_("years of experience"), null=True, blank=True)
    # What the job taxonomy inferred from the title and headline and wrote here: ``{"seniority": 40,
    # "years_experience": 8, "job": ["software development", "backend"], "version": "..."}`` (see
    # vivier.pool.services.classify). A value equal to its entry here is inferred; any other was stated by a
    # person or a file and is never replaced. ``"stated": ["seniority", "job", ...]``: what a person edited
    # (cleared included), which inference leaves alone from then on. NULL: nothing inferred.
    inferred = models.JSONField(null=True, blank=True, editable=False)

    city = models.CharField(_("city"), max_length=150, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    max_commute_km = models.PositiveIntegerField(_("max commute (km)"), null=True, blank=True)
    open_to_relocation = models.BooleanField(_("open to relocation"), null=True, blank=True)
    remote_preference = models.CharField(
        _("remote preference"), max_length=10, choices=RemotePreference.choices, blank=True
    )

    available_from = models.DateField(_("available from"), null=True, blank=True)
    notice_period_days = models.PositiveSmallIntegerField(_("notice period (days)"), null=True, blank=True)

    salary_amount = models.PositiveIntegerField(_("salary expectation"), null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True, default="")
    salary_period = models.CharField(max_length=10, choices=SalaryPeriod.choices, blank=True)

    preferred_language = models.CharField(
        _("message language"), max_length=2, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)

    # Consent record (GDPR art. 6 and 13/14; CNIL's recruitment guidance).
    consent_basis = models.CharField(max_length=30, choices=LegalBasis.choices, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_expires_at = models.DateTimeField(null=True, blank=True)
    consent_informed_via = models.CharField(max_length=300, blank=True)
    # Only actions the candidate took (a reply, an application, an update they asked for): this is what
    # restarts the CNIL two-year retention clock, never a recruiter's edit or an outgoing email.
    last_candidate_activity_at = models.DateTimeField(null=True, blank=True)

    custom_fields = models.JSONField(default=dict, blank=True)

    # Engagement columns, kept current by the sequence and reply services, read by segments.
    last_contacted_at = models.DateTimeField(null=True, blank=True)
    last_reply_at = models.DateTimeField(null=True, blank=True)
    last_reply_intent = models.CharField(max_length=20, blank=True)
    last_decline_reason = models.CharField(max_length=20, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    in_active_campaign = models.BooleanField(default=False)
    # Suppression: set when the candidate unsubscribes; no campaign may ever enroll them again.
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    # Bits of the candidate's contract and language tag values (see vivier.pool.facets): segments test
    # ``lang:en contract:permanent`` on the candidate row instead of probing the tag rows. NULL = no bit
    # (nullable so that adding it is an ALTER TABLE, not a copy of the table, on SQLite).
    facets = models.BigIntegerField(null=True, blank=True, editable=False)
    # Bits of the candidate's source kinds and source names (see vivier.pool.facets): ``source:lever`` is a
    # test on the candidate row, not a probe per source row. NULL = no bit, as for facets.
    source_bits = models.BigIntegerField(null=True, blank=True, editable=False)
    # Lower-case, accent-free concatenation of name, emails, title, company, headline and skills,
    # maintained by the pool services: the pool list's quick search reads this one column.
    search_text = models.TextField(blank=True, default="")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # Pool list: newest first within a team.
            models.Index(fields=["team", "-created_at"], name="cand_team_created"),
            # Possible-duplicate check at import: same name key within a team, covering the company and
            # city it compares, so that the many same-name rows of a large pool are read from the index
            # alone (dedupe.duplicates_queue).
            models.Index(
                fields=["team", "name_key", "current_company", "city"], name="cand_team_namekey_cover"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or str(self.public_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Django's, with the loaded names as a set when some columns are deferred (``.only()``, the member
        lists): Django looks each of the 44 fields up in ``field_names``, a list, for every row, which was
        a quarter of the time to build a page of 50 members. Same instance either way."""
        if len(values) != len(cls._meta.concrete_fields):
            field_names = _name_set(tuple(field_names))
        return super().from_db(db, field_names, values)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def is_inferred(self, name: str, value=None) -> bool:
        """Whether ``name`` (``seniority``, ``years_experience``; ``job`` with a tag ``value``) holds what the
        job taxonomy inferred rather than what a person or a file stated."""
        record = self.inferred or {}
        if name == "job":
            return value in record.get("job", ())
        return getattr(self, name) is not None and getattr(self, name) == record.get(name)

    @property
    def primary_email(self) -> str:
        if "display_email" in self.__dict__:  # annotated by pool.selectors.with_primary_email: no query
            return self.display_email or ""
        emails = list(self.emails.all())
        primary = next((e for e in emails if e.is_primary), emails[0] if emails else None)
        return primary.email if primary else ""


class CandidateEmail(models.Model):
    # No index of its own: the unique (team, email) constraint starts with it.
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="emails")
    email = models.CharField(max_length=254)
    is_primary = models.BooleanField(default=False)
    # Set when a send bounced permanently (SMTP 5xx or a DSN): never mailed again.
    invalid_at = models.DateTimeField(null=True, blank=True)
    invalid_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "email"], name="cand_email_unique_per_team")]
        ordering = ["-is_primary", "id"]

    def __str__(self) -> str:
        return self.email


class CandidatePhone(models.Model):
    # No index of its own: the unique (team, e164) constraint starts with it.
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="phones")
    e164 = models.CharField(max_length=20)
    raw = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "e164"], name="cand_phone_unique_per_team")]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.e164


class CandidateProfile(models.Model):
    """LinkedIn and other profile URLs, canonicalized (scheme, host, path without tracking)."""

    class Kind(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn"
        GITHUB = "github", "GitHub"
        OTHER = "other", _("Other")

    # No index of its own: the unique (team, url) constraint starts with it.
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="profiles")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "url"], name="cand_profile_unique_per_team")]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class CandidateTag(models.Model):
    """Multi-valued attributes as rows, so segments can index and match them on SQLite and PostgreSQL."""

    class Kind(models.TextChoices):
        JOB_FAMILY = "job", _("Job family")
        SKILL = "skill", _("Skill")
        INTEREST = "interest", _("Interest")
        LANGUAGE = "lang", _("Language")
        CONTRACT = "contract", _("Wanted contract type")
        TAG = "tag", _("Tag")

    # The candidate's team, copied on each row: a count of tag-only segment terms reads the tag rows of one team
    # without looking up each match's candidate (see vivier.segments.query.tag_count). Always equal to
    # candidate.team_id (a candidate never changes team; a merge moves tags within one team).
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Normalized value (lower-case, accent-free) used for matching; label keeps what was written.
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "kind", "value"], name="cand_tag_unique"),
        ]
        indexes = [
            # Segments: `skill:python` and friends are EXISTS(kind=..., value=...) per candidate.
            models.Index(fields=["kind", "value", "candidate"], name="cand_tag_lookup"),
            # Segment counts of tag-only queries (`job:backend`, `skill:rust|scala -job:data`): COUNT(*) or
            # COUNT(DISTINCT candidate) over one team's rows of a kind and value, read from this index alone
            # (no probe of pool_candidate per match); its first column also serves the team's CASCADE delete.
            models.Index(fields=["team", "kind", "value", "candidate"], name="cand_tag_team_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.label}"


class CandidateSource(models.Model):
    class Kind(models.TextChoices):
        ATS = "ats", _("ATS")
        LINKEDIN = "linkedin", "LinkedIn"
        REFERRAL = "referral", _("Referral")
        APPLICATION = "application", _("Application")
        MANUAL = "manual", _("Added by hand")
        IMPORT = "import", _("File import")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The system or file it came from: "lever", "greenhouse", "linkedin", a file name...
    name = models.CharField(max_length=200, blank=True)
    referrer = models.CharField(_("referred by"), max_length=200, blank=True)
    job = models.CharField(_("applied to"), max_length=200, blank=True)
    external_id = models.CharField(max_length=200, blank=True)
    first_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["first_seen_at", "id"]
        indexes = [models.Index(fields=["name", "candidate"], name="cand_source_name")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}" if self.name else self.kind


class SourceName(models.Model):
    """A source name of a team's pool (lower-cased) and the bit it sets in ``Candidate.source_bits``.

    Every name a team's candidates come from has a row (the writers of sources add it): a name with no row
    is a name no candidate has. Bits are given first come, first served; once they run out a name gets none
    (``bit`` NULL) and ``source:`` reads the source rows for it (see vivier.pool.facets)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    bit = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "key"], name="source_name_unique"),
            models.UniqueConstraint(fields=["team", "bit"], name="source_name_bit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.bit})"


class CustomField(models.Model):
    """A team-defined, typed field; values live in ``Candidate.custom_fields`` under ``key``."""

    class Type(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        BOOL = "bool", _("Yes/no")
        CHOICE = "choice", _("Choice")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="custom_fields")
    key = models.SlugField(max_length=50)
    label = models.CharField(max_length=100)
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.TEXT)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "key"], name="custom_field_unique")]

    def __str__(self) -> str:
        return self.label


class JobFamily(models.Model):
    """A team's own job family, or its own synonyms for a shipped one (same ``tag``), added to the job
    taxonomy for that team's inference and ``job:`` terms (vivier.pool.services.classify)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="job_families")
    # The tag value stored on candidates (folded); a shipped family's tag adds synonyms to it.
    tag = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    name_fr = models.CharField(max_length=100, blank=True)
    synonyms = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "tag"], name="job_family_unique")]

    def __str__(self) -> str:
        return self.tag


class Note(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    body = models.TextField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.body[:50]


class TimelineEvent(models.Model):
    """One ordered history per candidate: imports, merges, edits, notes, messages in and out, transitions.

    An event holds a ``kind`` and its ``params``, never a sentence: ``text`` words it in the reader's language
    (``vivier.pool.timeline``, where each app registers its kinds)."""

    class Kind(models.TextChoices):
        """Pool's own kinds; the apps above register theirs in ``vivier.pool.timeline``."""

        CREATED = "created", _("Created")
        IMPORTED = "imported", _("Imported")
        MERGED = "merged", _("Merged")
        EDITED = "edited", _("Edited")
        NOTE = "note", _("Note")
        CONFLICT = "conflict", _("Conflicting value kept")
        CONSENT = "consent", _("Consent")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # No index of its own: the (candidate, at) index starts with it.
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="timeline", db_index=False
    )
    at = models.DateTimeField()
    kind = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # What the sentence is made of: changed fields, the merged record, a message's public id and subject...
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            # Candidate page: the timeline of one candidate in order.
            models.Index(fields=["candidate", "at"], name="timeline_cand_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}: {self.text}"

    @property
    def text(self) -> str:
        return timeline.event_text(self)

    @property
    def kind_label(self) -> str:
        return timeline.kind_label(self.kind)


class DuplicateReview(models.Model):
    """A *possible* duplicate (same name plus same company or city): a human decides; never auto-merged."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        MERGED = "merged", _("Merged")
        DISMISSED = "dismissed", _("Not the same person")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="duplicate_reviews")
    first = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200)  # in English, for the API and the CLI
    # What a page words in the reader's language (``labels.duplicate_reason_label``): "company", "city" or
    # "linked", and {"value": the shared company or city}.
    reason_code = models.CharField(max_length=20, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_unique")]
        indexes = [
            # The review list: a team's open pairs, newest first, one page at a time (and their count).
            models.Index(fields=["team", "status", "-created_at", "-id"], name="duplicate_team_status")
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.status})"


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    filename = models.CharField(max_length=300)
    stored_path = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=100, blank=True)
    format = models.CharField(max_length=20, default="auto")
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when the batch is claimed and after every chunk: a running batch whose heartbeat stopped belonged
    # to a process that died, and the worker runs it again (see ``importing.requeue_stalled_imports``).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def file_error(self) -> dict | None:
        """The file-level problem a failed import shows at the top (a row 0 error of ``errors``)."""
        return next((e for e in self.errors if e.get("row") == 0 and e.get("code") != "more_errors"), None)


class DeferredIndex(models.Model):
    """A secondary index a large SQLite import dropped, to be rebuilt in one sort when it ends (see
    ``vivier/pool/importing/indexes.py``). Written in the same transaction as the ``DROP INDEX`` and deleted
    in the same transaction as the ``CREATE INDEX``, so a crashed import leaves the record behind and the next
    ``vivier`` command or import puts the index back."""

    name = models.CharField(max_length=200, unique=True)
    table = models.CharField(max_length=200)
    sql = models.TextField()
    dropped_at = models.DateTimeField()
    # "host:pid:thread" of the import that dropped it: while that import runs, others leave the index alone.
    owner = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.name
