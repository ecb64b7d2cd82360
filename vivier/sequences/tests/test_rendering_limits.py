"""Hostile templates: bounded in time and size, absurd ranges and powers refused, no memory addresses."""

import time

import pytest
from django.utils import translation

from vivier.sequences.rendering import check_syntax, render_text


def render(source: str, lang: str = "en") -> tuple[str, list[str]]:
    errors: list[str] = []
    with translation.override(lang):
        text = render_text(source, {"hook": "x"}, [], errors)
    return text, errors


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(2500) %}{% for j in range(2000) %}{% endfor %}{% endfor %}",
        "{{ 'ab' * 2000000 }}",
        "{{ 2 ** (2 ** 24) }}",
        "{{ 2 ** 64 ** 64 ** 64 ** 64 ** 64 }}",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{% set ns = namespace(x='ab') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}",
        "{{ 'x' | center(1000000000) }}",
        "{{ 'x'.ljust(1000000000) }}",
        "{{ '%1000000000d' % 1 }}",
        "{{ '%1000000000d' | format(1) }}",
        "{{ ('a' * 90000) | replace('a', 'a' * 90000) }}",
        "{{ [1] * 100000000 }}",
        "{% for i in range(2000) %}{{ 'z' * 5000 }}{% endfor %}",
    ],
)
def test_a_hostile_template_stops_fast_with_a_clear_error(source):
    started = time.monotonic()
    text, errors = render(source)
    assert time.monotonic() - started < 2
    assert errors and len(text) <= 100_000
    assert not any("0x" in e for e in errors)


def test_the_error_is_in_the_recruiters_language():
    _, errors = render("{{ 'ab' * 2000000 }}", lang="fr")
    assert errors and "trop long" in errors[0]


@pytest.mark.parametrize("source", ["{{ ''.join }}", "{{ hook.upper }}", "{{ range }}", "{{ cycler }}"])
def test_a_function_is_never_printed_with_its_memory_address(source):
    text, errors = render(source)
    assert "0x" not in text and "<" not in text


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{{ 2 ** 100000 }}",
        "{{ 'ab' * 2000000 }}",
    ],
)
def test_absurd_ranges_and_powers_are_refused_when_the_step_is_saved(source):
    with pytest.raises(ValueError):
        check_syntax(source)


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(3) %}{{ i }}{% endfor %}",
        "{{ 2 ** 10 }} {{ '-' * 20 }} {{ '%05d' % 42 }} {{ 'a' | center(9) }}",
        "{{ hook | upper }} {{ hook.upper() }}",
    ],
)
def test_ordinary_templates_still_render(source):
    text, errors = render(source)
    assert not errors and text
