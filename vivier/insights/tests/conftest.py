from vivier.sequences.tests.conftest import campaign, job, make_candidate, now_at, sequence  # noqa: F401
