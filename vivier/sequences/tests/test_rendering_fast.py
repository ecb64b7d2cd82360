"""The fast template path answers exactly as Jinja does (text, missing values, errors), or steps aside."""

from types import SimpleNamespace

import pytest

from vivier.sequences import rendering

TEMPLATES = [
    "",
    "Bonjour",
    "Bonjour {{ candidate.first_name }},\n\n{{ job.pitch }}\n\n{{ sender.first_name }}\n",
    "Un poste de {{ job.title }} chez {{ job.company }}",
    "{{ candidate.first_name }}{{ candidate.first_name }} {{ candidate.nickname }} {{ job.nope }}",
    "{{ hook }}",
    "{{ hook }}\n\n{{ nobody }} {{ nobody.attr }}",
    "{{ hook.upper }}",
    "{{ hook | default('Bonjour') }}",
    "{{ candidate.first_name | upper }}",
    "{% if job.title %}{{ job.title }}{% endif %}",
    "{{ candidate }}",
    "{{ candidate.items }} {{ candidate.prefix }} {{ candidate.keys }}",
    "{{ candidate.__class__ }}",
    "{{ candidate._private }}",
    "{{ range }}",
    "{{ 7*7 }}",
    "{{ candidate['first_name'] }}",
    "  {{ candidate.city }}  \n\n",
    "{# a comment #}Hi {{ sender.full_name }}",
    "{% raw %}{{ candidate.first_name }}{% endraw %}",
    "{{ candidate.first_name",
    "{{ extra_number }} {{ extra_dict.key }}",
]

CANDIDATES = [
    SimpleNamespace(
        first_name="Hélène",
        last_name="Dupré",
        full_name="Hélène Dupré",
        current_title="Dev",
        current_company="Alvéa",
        city="Lyon",
        headline="{{ 7*7 }}",
        preferred_language="fr",
    ),
    SimpleNamespace(
        first_name="",
        last_name="",
        full_name="",
        current_title="",
        current_company="",
        city="",
        headline="",
        preferred_language="en",
    ),
]
JOBS = [
    None,
    SimpleNamespace(
        title="Développeuse {{ x }}", company="Alvéa", location="", salary="", pitch="Une équipe.", url=""
    ),
]
SENDERS = [
    (None, None),
    (
        SimpleNamespace(first_name="Alice", last_name="Martin", email="a@x.fr"),
        SimpleNamespace(address="alice@x.fr", display_name="", signature="--\nAlice"),
    ),
]


def render(source, candidate, job, sender, hook, extra, fast):
    step = SimpleNamespace(templates=lambda language: (source, source))
    rendering.FAST = fast
    try:
        return rendering.render_step(
            step=step,
            candidate=candidate,
            job=job,
            owner=sender[0],
            mailbox=sender[1],
            hook=hook,
            extra=extra,
        )
    finally:
        rendering.FAST = True


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_fast_path_agrees_with_jinja(source):
    for candidate in CANDIDATES:
        for job in JOBS:
            for sender in SENDERS:
                for hook in ("", "J'ai lu {{ 7*7 }} votre article", "   "):
                    for extra in (None, {"extra_number": 7, "extra_dict": {"key": "v"}}):
                        fast = render(source, candidate, job, sender, hook, extra, True)
                        slow = render(source, candidate, job, sender, hook, extra, False)
                        assert (fast.subject, fast.body, fast.missing, fast.errors) == (
                            slow.subject,
                            slow.body,
                            slow.missing,
                            slow.errors,
                        ), (source, hook, extra)


def test_the_fast_path_takes_the_simple_templates_and_leaves_the_others_to_jinja():
    assert rendering.fast_plan("Bonjour {{ candidate.first_name }}, {{ hook }}") is not None
    for source in (
        "{{ hook | default('x') }}",
        "{% if hook %}x{% endif %}",
        "{{ range }}",
        "{{ a._b }}",
        "{{ candidate.items }}",
        "{{ 7*7 }}",
        "{{ a['b'] }}",
        "{{ oops",
    ):
        assert rendering.fast_plan(source) is None, source
