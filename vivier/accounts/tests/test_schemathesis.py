"""A schemathesis run over the served OpenAPI schema: no server error, every answer as documented."""

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

EXAMPLES = 8  # per operation: enough to reach each parameter's edges, bounded in time


@pytest.fixture
def served_schema(db):
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: the test's transaction lives on the connection a request would close.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_the_api_answers_as_its_schema_says(served_schema, alice_token):
    from django.test import override_settings

    headers = {"Authorization": f"Bearer {alice_token}"}
    failures = {}
    cases = {"n": 0, "operations": 0, "5xx": 0}
    with override_settings(VIVIER_API_RATE_PER_MINUTE=1_000_000):
        for result in served_schema.get_all_operations():
            operation = result.ok()
            cases["operations"] += 1

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                # A 422 for a business rule (a candidate needs a name or an email) is documented, not a failure.
                cases["n"] += 1
                try:
                    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
                except BaseException as exc:
                    cases["5xx"] += "Server error" in str(exc)
                    raise

            try:
                check()
            except BaseException as exc:  # noqa: BLE001 - every operation is tried, the failures listed at the end
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failures[operation.label] = str(exc)[:2000]
    print(
        f"\nschemathesis: {cases['operations']} operations, {cases['n']} cases, {cases['5xx']} answered 5xx, "
        f"{len(failures)} operation(s) with a violation"
    )
    assert not failures, "\n\n".join(f"{label}:\n{message}" for label, message in failures.items())
