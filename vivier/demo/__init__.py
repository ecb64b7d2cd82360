"""The demo: a believable talent pool to try Vivier with (``vivier demo``). No models here.

``vivier.demo.seed.demo_seed`` builds it; ``vivier.demo.data`` holds the word lists it draws from.
"""

DEMO_TEAM_SLUG = "demo"
DEMO_TEAM_NAME = "Démo — Alvéa RH"
# The demo logins are printed by `vivier demo` and `vivier serve` and written in the README: this is a
# local demo on a loopback address, not an account to deploy.
DEMO_PASSWORD = "vivier-demo"
