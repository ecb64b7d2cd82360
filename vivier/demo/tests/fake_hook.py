"""Stands in for ``vivier.demo.campaign`` in the tests: records what the demo hands to it."""

calls = []


def seed_demo(team, users):
    calls.append((team.slug, [u.username for u in users]))
