"""The bulk create-or-merge engine behind ``import_run``.

A file is streamed in chunks of ``CHUNK`` rows. For each chunk, in one transaction:

1. group the chunk's rows that share an identity key (email, E.164 phone, profile URL) with a union-find;
2. find the candidates already owning any of those keys: one query per identity kind;
3. load what the pool knows about those candidates (values, emails, phones, profiles, tags, sources, and
   the conflicts and kept values already recorded, so that re-importing changes nothing);
4. apply each row in file order to its candidate's in-memory state, which yields the new child rows and
   timeline events;
5. write: new candidates and all child rows with multi-row INSERTs, changed candidates with grouped
   UPDATEs; queue possible duplicates (same name + company or city) for review; commit.

Because each chunk is committed before the next is read, a duplicate further down the file finds the
candidate in the database. Memory holds one chunk, whatever the file size.

Merge policy (what "never loses data" means here):
- a new email, phone, profile URL, tag or source is added (a second email is an alternate, non-primary);
- an empty field is filled;
- a field that already has a *different* value keeps it (the pool's value may be a recruiter's edit, and
  re-importing an old file must not undo newer knowledge); the incoming value is recorded on the timeline
  as a ``conflict`` event (once: the same conflicting value is not recorded twice), where a recruiter
  can read it and edit the field if the file was right;
- an identity key that already belongs to *another* candidate is not moved: both candidates are queued
  as a possible duplicate, and the key is recorded on the timeline;
- values that fit no column (unmapped columns, an invalid email beside a valid phone, a salary in words,
  notes) are recorded in the ``imported``/``merged`` event's ``data["kept"]``.

Long on purpose: one chunk pipeline; splitting it would scatter one hot loop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from operator import itemgetter

from django.db import IntegrityError, transaction

from vivier.lib import clock
from vivier.pool import dedupe
from vivier.pool.facets import bits as facet_bits
from vivier.pool.facets import name_bits, source_bits
from vivier.pool.models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateSource,
    CandidateTag,
    TimelineEvent,
)
from vivier.pool.services.classify import candidates_classify, team_taxonomy

from .bulk import Inserter, allocate_ids, db_date, db_datetime, db_json, db_uuid7s, update_many
from .rows import SCALARS, SEARCH_TAG_KINDS, TEXT_SCALARS, Incoming, fold, name_key, search_text

# Rows per transaction. Each chunk rewrites, at a random place, a page of each identity index (email, phone,
# profile URL) and of the name index per new row; bigger chunks share those pages between more rows, so
# fewer distinct pages go to the write-ahead log per row. Memory stays bounded: a chunk is a few tens of MB.
CHUNK = 20_000


class _State:
    """One candidate as the chunk sees it: what is stored, plus what this chunk adds."""

    __slots__ = (
        "id",
        "existing",
        "started",
        "scalars",
        "lat",
        "lon",
        "emails",
        "phones",
        "profiles",
        "tags",
        "sources",
        "known",
        "search_text",
        "name_key",
        "changed",
        "new_emails",
        "new_phones",
        "new_profiles",
        "new_tags",
        "new_sources",
        "events",
        "facets",
        "source_bits",
        "inferred_jobs",
    )

    def __init__(self, cid: int | None = None, existing: bool = False):
        self.id = cid
        self.existing = existing
        self.started = existing
        self.scalars: dict = {}
        self.lat = self.lon = None
        self.emails: list[str] = []
        self.phones: set[str] = set()
        self.profiles: set[str] = set()
        self.tags: dict[tuple[str, str], str] = {}
        self.sources: set[tuple] = set()
        self.known: set[tuple[str, str]] = set()
        self.search_text = ""
        self.name_key = ""
        self.changed: set[str] = set()
        self.new_emails: list[tuple[str, bool]] = []
        self.new_phones: list[tuple[str, str]] = []
        self.new_profiles: list[tuple[str, str]] = []
        self.new_tags: list[tuple[str, str, str]] = []
        self.new_sources: list[dict] = []
        self.events: list[tuple[str, str, dict]] = []
        self.facets = 0  # as stored (see vivier.pool.facets)
        self.source_bits = 0
        self.inferred_jobs: frozenset[str] = frozenset()  # job tags the taxonomy inferred (not searched)

    def compute_search(self) -> str:
        return search_text(
            self.scalars,
            self.emails,
            [
                label
                for (kind, value), label in self.tags.items()
                if kind in SEARCH_TAG_KINDS and not (kind == "job" and value in self.inferred_jobs)
            ],
        )

    def compute_name_key(self) -> str:
        return name_key(self.scalars)


def _source_key(source: dict) -> tuple:
    return _source_key_of(
        source["kind"], source["name"], source["job"], source["referrer"], source["external_id"]
    )


def _source_key_of(kind: str, name: str, job: str, referrer: str, external_id: str) -> tuple:
    return (kind, fold(name), fold(job), fold(referrer), external_id)


@dataclass
class ChunkResult:
    outcomes: dict[str, int] = field(default_factory=lambda: {"created": 0, "merged": 0, "unchanged": 0})


class Engine:
    solo = True  # write lone new rows directly (``_Solo``); False runs them through ``_State`` (tests)

    def __init__(self, *, team, filename: str, source_label: str, by=None):
        self.team = team
        self.filename = filename
        self.source_label = source_label
        self.by_id = by.pk if by is not None else None
        self.by = by
        self._inserters: dict = {}
        self.to_classify: list[int] = []
        self.taxonomy = team_taxonomy(team.pk)
        self._seen_at: dict = {}  # application date -> database value (bounded by the calendar)
        where = db_json({"file": filename, "source": source_label})
        # SQLite: {"file": ..., "source": ..., "row": N} as the JSON encoder writes it, with the number to fill in
        self._where_json = where[:-1] + ', "row": ' if isinstance(where, str) else None

    def job_label(self, tag: str) -> str:
        return self.taxonomy.label(tag, "en") or tag

    def inserter(self, model, columns: list[str], constants: list[str] = ()) -> Inserter:
        if model not in self._inserters:
            self._inserters[model] = Inserter(model, columns, constants=constants)
        return self._inserters[model]

    # -- public ---------------------------------------------------------------------------------------------
    def process(self, chunk: list[Incoming]) -> dict[str, int]:
        """Apply one chunk in its own transaction (a savepoint inside a dry run); retried once if a
        concurrent writer took one of the chunk's emails or phones between our read and our write."""
        for attempt in range(3):
            try:
                with transaction.atomic():
                    counts = self._process(chunk)
                    candidates_classify(team_id=self.team.pk, ids=self.to_classify)
                    return counts
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # -- steps ----------------------------------------------------------------------------------------------
    def _process(self, chunk: list[Incoming]) -> dict[str, int]:
        # 1. within-chunk groups
        parent = list(range(len(chunk)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_seen: dict[str, int] = {}
        for i, inc in enumerate(chunk):
            for key in inc.keys():
                j = first_seen.setdefault(key, i)
                if j != i:
                    a, b = find(i), find(j)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        groups: dict[int, list[int]] = {}
        for i in range(len(chunk)):
            groups.setdefault(find(i), []).append(i)

        # 2. owners in the pool (first_seen holds each identity key of the chunk once)
        emails, phones, urls = [], [], []
        by_kind = {"e": emails, "p": phones, "u": urls}
        for key in first_seen:
            by_kind[key[0]].append(key[2:])
        owners = dedupe.candidates_by_identity(team_id=self.team.pk, emails=emails, phones=phones, urls=urls)

        # 3. states of the candidates concerned: the rows holding a key share its group, so a group's owners
        # are those of the keys first seen in it
        owned: dict[int, set[int]] = {}
        for key, cid in owners.items():
            owned.setdefault(find(first_seen[key]), set()).add(cid)
        if any(len(cids) > 1 for cids in owned.values()):
            # A row holding the email of one candidate and the phone of another says they are one person
            # (hard keys): they are merged now, before the rows are applied.
            kept = self._merge_linked([cids for cids in owned.values() if len(cids) > 1])
            owners = {key: kept.get(cid, cid) for key, cid in owners.items()}
            owned = {root: {kept.get(cid, cid) for cid in cids} for root, cids in owned.items()}
        plan = []
        wanted: set[int] = set()
        for root, members in groups.items():
            cids = sorted(owned[root]) if root in owned else []
            wanted.update(cids)
            plan.append((members, cids))
        states = self._load(wanted) if wanted else {}

        # 4. apply rows. A row that is alone in its group and whose keys nobody owns (most rows of a large
        # file) is a new candidate made of that row only: it is written straight from the row (``_write``'s
        # ``_Solo`` branch) instead of through a ``_State``.
        counts = {"created": 0, "merged": 0, "unchanged": 0}
        new: list[_State | _Solo] = []
        reviews: list[tuple[int, int, str]] = []
        touched: dict[int, _State] = {}  # two groups of the chunk may reach the same pool candidate
        applying: list[tuple[int, _State, set[str]]] = []  # (row in the chunk, its candidate, foreign keys)
        solo = self.solo
        for members, cids in plan:
            foreign: set[str] = set()
            if cids:
                state = states[cids[0]]
                for other in cids[1:]:
                    foreign.update(k for k, v in owners.items() if v == other)
                    reviews.append((cids[0], other, "share an email, phone or profile in one import row"))
            elif solo and len(members) == 1:
                inc = chunk[members[0]]
                new.append(_Solo(inc if inc.solo is not None else self.prepare(inc)))
                counts["created"] += 1
                continue
            else:
                state = _State()
                new.append(state)
            touched[id(state)] = state
            applying += [(i, state, foreign) for i in members]
        # In file order, not group by group: two groups of the chunk (rows that share no key with each other)
        # may reach the same pool candidate, and what the first row fills the next one only adds to or
        # conflicts with, as when the rows come in different chunks.
        applying.sort(key=_first)
        for i, state, foreign in applying:
            counts[self._apply(state, chunk[i], foreign)] += 1

        # 5. write
        self._write(new, list(touched.values()))
        # what the job taxonomy reads changed: new candidates, and those given a title, a level or a job
        self.to_classify = [s.id for s in new if type(s) is not _Solo] + [
            s.id
            for s in touched.values()
            if s.existing and (s.changed & _CLASSIFIED or any(t[0] == "job" for t in s.new_tags))
        ]
        for first, second, reason in reviews:
            dedupe.review_open(
                team_id=self.team.pk, first_id=first, second_id=second, reason=reason, reason_code="linked"
            )
        dedupe.duplicates_queue(
            team_id=self.team.pk,
            subjects=[
                {
                    "id": s.id,
                    "name_key": s.name_key,
                    "current_company": s.scalars.get("current_company", ""),
                    "city": s.scalars.get("city", ""),
                }
                for s in new
            ],
        )
        return counts

    def _merge_linked(self, links: list[set[int]]) -> dict[int, int]:
        """Merge the pool candidates each set links (sets sharing a candidate link all of theirs) into the
        oldest of them with the merge service, which keeps everything; returns {merged-away id: kept id}."""
        from vivier.pool.services import candidate_merge

        parent: dict[int, int] = {}

        def root(cid: int) -> int:
            while parent.setdefault(cid, cid) != cid:
                cid = parent[cid]
            return cid

        for cids in links:
            first, *others = sorted(cids)
            for other in others:
                a, b = root(first), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        kept: dict[int, int] = {}
        for cid in sorted(parent):
            keep = root(cid)
            if keep != cid:
                kept[cid] = keep
        by = self.by
        for other, keep in sorted(kept.items()):
            candidate_merge(keep=Candidate.objects.get(pk=keep), other=Candidate.objects.get(pk=other), by=by)
        return kept

    def _load(self, cids: set[int]) -> dict[int, _State]:
        ids = list(cids)
        states: dict[int, _State] = {}
        columns = [
            "id",
            *SCALARS,
            "latitude",
            "longitude",
            "search_text",
            "name_key",
            "facets",
            "source_bits",
            "inferred",
        ]
        for row in Candidate.objects.filter(id__in=ids, team_id=self.team.pk).values(*columns):
            s = _State(row["id"], existing=True)
            s.scalars = {f: row[f] for f in SCALARS if row[f] is not None and row[f] != ""}
            inferred = row["inferred"] if isinstance(row["inferred"], dict) else {}
            s.inferred_jobs = frozenset(inferred.get("job", ()))
            for f in ("seniority", "years_experience"):  # inferred, not stated: a file's value replaces it
                if f in s.scalars and inferred.get(f) == s.scalars[f]:
                    del s.scalars[f]
            s.lat, s.lon = row["latitude"], row["longitude"]
            s.search_text, s.name_key = row["search_text"], row["name_key"]
            s.facets = row["facets"] or 0
            s.source_bits = row["source_bits"] or 0
            states[s.id] = s

        # The child rows in plain SQL, slices of ids at a time: the ORM's per-value and per-row costs showed at a
        # million rows (a chunk merges into a few thousand candidates). A candidate's rows are all in one
        # slice, so the orders that matter (its emails, primary first; its tags) hold.
        def rows(model, columns: str, where: str = "", order: str = "", params=()):
            yield from dedupe._select_in(
                f"SELECT candidate_id, {columns} FROM {model._meta.db_table} "  # noqa: S608
                f"WHERE {where}candidate_id IN ({{}}){order}",
                list(params),
                ids,
            )

        for cid, email in rows(CandidateEmail, "email", order=" ORDER BY is_primary DESC, id"):
            states[cid].emails.append(email)
        for cid, e164 in rows(CandidatePhone, "e164"):
            states[cid].phones.add(e164)
        for cid, url in rows(CandidateProfile, "url"):
            states[cid].profiles.add(url)
        for cid, kind, value, label in rows(CandidateTag, "kind, value, label", order=" ORDER BY id"):
            states[cid].tags[(kind, value)] = label
        for cid, *source in rows(CandidateSource, "kind, name, job, referrer, external_id"):
            states[cid].sources.add(_source_key_of(*source))
        kinds = [
            TimelineEvent.Kind.IMPORTED.value,
            TimelineEvent.Kind.MERGED.value,
            TimelineEvent.Kind.CONFLICT.value,
        ]
        for cid, data in rows(TimelineEvent, "params", where="kind IN (%s, %s, %s) AND ", params=kinds):
            if isinstance(data, str):  # JSON text (SQLite; PostgreSQL through Django's loader)
                data = json.loads(data)
            known = states[cid].known
            if not isinstance(data, dict):
                continue
            kept = data.get("kept")
            if isinstance(kept, list):  # a merge's conflict event keeps one value there, not pairs
                for item in kept:
                    if isinstance(item, list) and len(item) == 2:
                        known.add(("kept:" + str(item[0]), fold(str(item[1]))))
            if "field" in data and "incoming" in data:
                known.add(("conflict:" + data["field"], fold(str(data["incoming"]))))
        return states

    def _apply(self, state: _State, inc: Incoming, foreign: set[str]) -> str:
        creating = not state.started
        state.started = True
        sc = state.scalars
        added: dict[str, list[str]] = {}
        conflicts: list[tuple[str, object, object]] = []
        for f, v in inc.scalars.items():
            cur = sc.get(f)
            # "fr" is the column's default, so a stored "fr" may only mean "never said": a file that
            # states the language sets it (once; a later different value is a conflict as usual).
            overridable = (
                f == "preferred_language" and cur == "fr" and state.existing and f not in state.changed
            )
            if cur is None or cur == "" or (overridable and v != cur):
                sc[f] = v
                state.changed.add(f)
                if not creating:
                    added.setdefault("fields", []).append(f)
                if f == "city" and inc.latitude is not None:
                    state.lat, state.lon = inc.latitude, inc.longitude
                    state.changed.update(("latitude", "longitude"))
            elif cur == v or (f in TEXT_SCALARS and fold(cur) == fold(v)):
                continue
            else:
                key = ("conflict:" + f, fold(str(v)))
                if key not in state.known:
                    state.known.add(key)
                    conflicts.append((f, cur, v))
        kept = list(inc.kept)
        for email in inc.emails:
            if email in state.emails:
                continue
            if "e:" + email in foreign:
                kept.append(("email_of_another_candidate", email))
                continue
            state.emails.append(email)
            state.new_emails.append((email, len(state.emails) == 1))
            added.setdefault("emails", []).append(email)
        for e164, raw in inc.phones:
            if e164 in state.phones:
                continue
            if "p:" + e164 in foreign:
                kept.append(("phone_of_another_candidate", e164))
                continue
            state.phones.add(e164)
            state.new_phones.append((e164, raw))
            added.setdefault("phones", []).append(e164)
        for kind, url in inc.profiles:
            if url in state.profiles:
                continue
            if "u:" + url in foreign:
                kept.append(("profile_of_another_candidate", url))
                continue
            state.profiles.add(url)
            state.new_profiles.append((kind, url))
            added.setdefault("profiles", []).append(url)
        for kind, value, label in inc.tags:
            if (kind, value) not in state.tags:
                state.tags[(kind, value)] = label
                state.new_tags.append((kind, value, label))
                added.setdefault("tags", []).append(label)
        source = inc.source
        skey = _source_key(source)
        if skey not in state.sources:
            state.sources.add(skey)
            state.new_sources.append(source)
            added.setdefault("sources", []).append(source["name"])
        new_kept = []
        for what, value in kept:
            key = ("kept:" + what, fold(value))
            if key not in state.known:
                state.known.add(key)
                new_kept.append([what, value])

        where = {"file": self.filename, "source": self.source_label, "row": inc.row}
        if creating:
            state.events.append(
                (TimelineEvent.Kind.IMPORTED, {**where, "kept": new_kept} if new_kept else where)
            )
        elif added or new_kept:
            state.events.append((TimelineEvent.Kind.MERGED, {**where, "added": added, "kept": new_kept}))
        for f, cur, v in conflicts:
            state.events.append(
                (TimelineEvent.Kind.CONFLICT, {**where, "field": f, "current": str(cur), "incoming": str(v)})
            )
        if creating:
            return "created"
        return "merged" if (added or new_kept or conflicts) else "unchanged"

    # -- the reading process's part ------------------------------------------------------------------------
    def prepare(self, inc: Incoming) -> Incoming:
        """Run by the reading process on each row (``importing._import_file``): what writing the row as a new
        candidate of its own (``_Solo``, most rows of a large file) takes that depends on the row alone, as
        ``Incoming.solo``, so that the writing process, the import's bottleneck, has less to do per row: its
        facet bits, its child rows end to end with a slot for the candidate's id in each (filled in by
        ``_solo_rows`` for ``Inserter.insert_flat``; a tuple per row, built there, cost more) and its source's
        date as stored. ``test_import_fast_paths`` pins it to the general write (``_State``)."""
        inc.keys()  # sent along
        emails = inc.emails
        seen = inc.source["seen"]
        if seen is not None:
            seen = self._seen_db(seen)
            if not isinstance(
                seen, str
            ):  # PostgreSQL's datetime, which marshal cannot carry: made in _solo_rows
                seen = None
        tags = inc.tags
        if inc.inferred and "job" in inc.inferred:
            tags = [*tags, *(("job", value, self.job_label(value)) for value in inc.inferred["job"])]
        inc.solo = (
            facet_bits(tag[:2] for tag in inc.tags) if inc.tags else 0,
            [None, emails[0], True]
            if len(emails) == 1
            else [v for i, email in enumerate(emails) for v in (None, email, i == 0)],
            [v for e164, raw in inc.phones for v in (None, e164, raw)],
            [v for kind, url in inc.profiles for v in (None, kind, url)],
            [v for tag in tags for v in (None, *tag)],
            seen,
        )
        return inc

    def _seen_db(self, seen: date):
        """An application date as ``first_seen_at`` stores it (midnight UTC), for the database."""
        stored = self._seen_at.get(seen)
        if stored is None:
            stored = self._seen_at[seen] = db_datetime(datetime.combine(seen, time(), tzinfo=UTC))
        return stored

    # -- the writing process's part ------------------------------------------------------------------------
    def _write(self, new: list[_State | _Solo], touched: list[_State]) -> None:
        now = clock.now()
        at = db_datetime(now)
        team_id = self.team.pk
        by_id = self.by_id
        ids = allocate_ids(Candidate, len(new))
        rows = []
        solos = []
        # The source names of this chunk, registered, with their bits (vivier.pool.facets)
        names = name_bits(
            team_id,
            {
                *(s.incoming.source["name"] for s in new if type(s) is _Solo),
                *(src["name"] for s in touched for src in s.new_sources),
            },
        )
        from_bits: dict[tuple[str, str], int] = {}  # (kind, name) of a lone row's source -> its source_bits
        for state, cid, public_id in zip(new, ids, db_uuid7s(len(new)), strict=True):
            state.id = cid
            if type(state) is _Solo:
                solos.append(state)
                inc = state.incoming
                source = inc.source
                kind_name = (source["kind"], source["name"])
                bits = from_bits.get(kind_name)
                if bits is None:
                    bits = from_bits[kind_name] = source_bits(team_id, [kind_name], names)
                lat = lon = None
                if inc.latitude is not None and "city" in inc.scalars:
                    lat, lon = inc.latitude, inc.longitude
                rows.append(
                    (
                        cid,
                        public_id,
                        team_id,
                        bits,
                        at,
                        at,
                        *_body(
                            {**inc.scalars, **_inferred_scalars(inc.inferred)}
                            if inc.inferred
                            else inc.scalars,
                            lat,
                            lon,
                            inc.name_key,
                            inc.search_text,
                            inc.solo[0],
                            db_json(inc.inferred) if inc.inferred else None,
                        ),
                    )
                )
            else:
                state.name_key = state.compute_name_key()
                state.search_text = state.compute_search()
                bits = source_bits(team_id, [(src["kind"], src["name"]) for src in state.new_sources], names)
                rows.append(
                    (
                        cid,
                        public_id,
                        team_id,
                        bits,
                        at,
                        at,
                        *_body(
                            state.scalars,
                            state.lat,
                            state.lon,
                            state.name_key,
                            state.search_text,
                            facet_bits(state.tags),
                            None,
                        ),
                    )
                )
        self.inserter(
            Candidate, ["id", "public_id", "team_id", "source_bits", "created_at", "updated_at", *_BODY]
        ).insert(rows)

        updates = []
        emails, phones, profiles, tags, sources, events = [], [], [], [], [], []
        for state in touched:
            cid = state.id
            if state.existing:
                changes = {
                    f: (state.lat if f == "latitude" else state.lon if f == "longitude" else state.scalars[f])
                    for f in state.changed
                }
                key = state.compute_name_key()
                if key != state.name_key:
                    changes["name_key"] = key
                search = state.compute_search()
                if search != state.search_text:
                    changes["search_text"] = search
                if state.new_tags:
                    bits = state.facets | facet_bits(tag[:2] for tag in state.new_tags)
                    if bits != state.facets:
                        changes["facets"] = bits
                if state.new_sources:
                    bits = state.source_bits | source_bits(
                        team_id, [(src["kind"], src["name"]) for src in state.new_sources], names
                    )
                    if bits != state.source_bits:
                        changes["source_bits"] = bits
                if changes:
                    changes["updated_at"] = now
                    updates.append((cid, changes))
            for email, primary in state.new_emails:
                emails += (cid, email, primary)
            for e164, raw in state.new_phones:
                phones += (cid, e164, raw)
            for kind, url in state.new_profiles:
                profiles += (cid, kind, url)
            for tag in state.new_tags:
                tags += (cid, *tag)
            for s in state.new_sources:
                sources.append(
                    (
                        cid,
                        s["kind"],
                        s["name"],
                        s["referrer"],
                        s["job"],
                        s["external_id"],
                        at if s["seen"] is None else self._seen_db(s["seen"]),
                    )
                )
            events += [(team_id, cid, at, kind, by_id, db_json(data)) for kind, data in state.events]
        public_ids = db_uuid7s(len(events) + len(solos))
        events = [(public_id, *event) for public_id, event in zip(public_ids, events, strict=False)]
        if solos:
            self._solo_rows(
                solos, at, public_ids[len(events) :], emails, phones, profiles, tags, sources, events
            )
        if updates:
            update_many(Candidate, updates)
        constants = (team_id, at)
        self.inserter(
            CandidateEmail, ["candidate_id", "email", "is_primary"], ["team_id", "created_at"]
        ).insert_flat(emails, constants)
        self.inserter(CandidatePhone, ["candidate_id", "e164", "raw"], ["team_id", "created_at"]).insert_flat(
            phones, constants
        )
        self.inserter(
            CandidateProfile, ["candidate_id", "kind", "url"], ["team_id", "created_at"]
        ).insert_flat(profiles, constants)
        self.inserter(CandidateTag, ["candidate_id", "kind", "value", "label"], ["team_id"]).insert_flat(
            tags, (team_id,)
        )
        self.inserter(
            CandidateSource,
            ["candidate_id", "kind", "name", "referrer", "job", "external_id", "first_seen_at"],
        ).insert(sources)
        self.inserter(
            TimelineEvent,
            ["public_id", "team_id", "candidate_id", "at", "kind", "actor_id", "params"],
        ).insert(events)

    def _solo_rows(
        self, solos: list[_Solo], at, public_ids, emails, phones, profiles, tags, sources, events
    ) -> None:
        """The child rows of candidates made of one row each, from what ``prepare`` made of the row: what
        ``_apply`` then the loop above give for them (``test_import_fast_paths`` checks both ways import the
        same)."""
        team_id, by_id = self.team.pk, self.by_id
        label = self.source_label
        imported = TimelineEvent.Kind.IMPORTED
        where_json = self._where_json
        for solo, public_id in zip(solos, public_ids, strict=True):
            cid, inc = solo.id, solo.incoming
            _, e, p, u, t, seen = inc.solo
            # Each list holds the row's child rows end to end, the candidate's id slot first in each.
            for flat, out, width in ((e, emails, 3), (p, phones, 3), (u, profiles, 3), (t, tags, 4)):
                if flat:
                    flat[::width] = [cid] * (len(flat) // width)
                    out += flat
            s = inc.source
            if seen is None:
                seen = at if s["seen"] is None else self._seen_db(s["seen"])
            sources.append((cid, s["kind"], s["name"], s["referrer"], s["job"], s["external_id"], seen))
            if inc.kept:
                kept, known = [], set()
                for what, value in inc.kept:
                    key = (what, fold(value))
                    if key not in known:
                        known.add(key)
                        kept.append([what, value])
                data = db_json({"file": self.filename, "source": label, "row": inc.row, "kept": kept})
            elif where_json is not None:
                data = f"{where_json}{inc.row}}}"
            else:
                data = db_json({"file": self.filename, "source": label, "row": inc.row})
            events.append(
                (
                    public_id,
                    team_id,
                    cid,
                    at,
                    imported,
                    by_id,
                    data,
                )
            )


_CLASSIFIED = {"current_title", "headline", "seniority", "years_experience"}


class _Solo:
    """A new candidate made of one file row (see ``Engine._process``)."""

    __slots__ = ("id", "incoming", "scalars", "name_key")

    def __init__(self, incoming: Incoming):
        self.id = None
        self.incoming = incoming
        self.scalars = incoming.scalars
        self.name_key = incoming.name_key


# The candidate columns a new candidate's row gives (``_body``), after its id, public id, team, source bits
# and times.
_BODY = ["latitude", "longitude", "name_key", "search_text", "facets", *SCALARS, "inferred"]


def _body(scalars: dict, lat, lon, key: str, search: str, facets: int, inferred) -> tuple:
    values = tuple(map(scalars.get, SCALARS, _DEFAULTS))
    if values[_AVAILABLE_FROM] is not None:
        values = (*values[:_AVAILABLE_FROM], db_date(values[_AVAILABLE_FROM]), *values[_AVAILABLE_FROM + 1 :])
    return (lat, lon, key, search, facets, *values, inferred)


def _inferred_scalars(inferred: dict) -> dict:
    return {f: inferred[f] for f in ("seniority", "years_experience") if f in inferred}


_AVAILABLE_FROM = SCALARS.index("available_from")
_first = itemgetter(0)


def _scalar_defaults() -> list[tuple[str, object]]:
    """The value a new candidate gets for each scalar the file did not give (the model's defaults)."""
    out = []
    for name in SCALARS:
        f = Candidate._meta.get_field(name)
        out.append((name, None if f.null and not f.has_default() else f.get_default()))
    return out


_DEFAULTS = [d for _, d in _scalar_defaults()]
