"""Test data of the pool: candidates built through the pool's own services, shared by every app's tests
(the fixtures call these functions; ``vivier shell -c`` can too, in the CLI tests)."""

import datetime as dt

from vivier.lib.geo import place_lookup

# When a test candidate's sources first saw them.
SEEN_AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)

TAG_KINDS = ("skill", "job", "tag", "lang", "contract")


def candidate_make(
    *,
    team,
    first_name: str = "Hélène",
    last_name: str = "Dupré",
    email: str | bool | None = None,
    skills=(),
    jobs=(),
    tags=(),
    langs=(),
    contracts=(),
    sources=(),
    place: str | None = None,
    **fields,
):
    """A candidate of ``team``, as an import or the profile page would leave it.

    1. The row, with ``fields`` (Candidate columns) and the name key the duplicate check reads; ``place``, a
       city, gives the coordinates and (unless given) the city.
    2. Tag rows of each kind (``skills=["Python"]``, ``jobs``, ``tags``, ``langs``, ``contracts``).
    3. ``sources``: source names (kind "ats", first seen at ``SEEN_AT``).
    4. A primary email: ``email``, else ``first.last@example.org``; ``email=False`` for none.
    5. The search text, from all of the above.
    """
    from vivier.pool.models import Candidate
    from vivier.pool.services import candidate_refresh_search, email_add, name_key, source_add, tag_set

    if place:
        fields["latitude"], fields["longitude"] = place_lookup(place)
        fields.setdefault("city", place)
    candidate = Candidate.objects.create(
        team=team,
        first_name=first_name,
        last_name=last_name,
        name_key=name_key(first_name, last_name),
        **fields,
    )
    for kind, labels in zip(TAG_KINDS, (skills, jobs, tags, langs, contracts), strict=True):
        if labels:
            tag_set(candidate=candidate, kind=kind, labels=list(labels))
    for source in sources:
        source_add(candidate=candidate, kind="ats", name=source, first_seen_at=SEEN_AT)
    if email is not False:
        address = email or f"{first_name}.{last_name}@example.org".lower()
        email_add(candidate=candidate, email=str(address), primary=True)
    candidate_refresh_search(candidate=candidate)
    return candidate
