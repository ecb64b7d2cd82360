"""Anymail's app, with its system checks imported when the checks run.

Anymail's own ``AppConfig`` imports its checks module in ``ready()``, and that module imports ``requests``:
every ``vivier`` command paid for it at start-up, although the quick commands skip the system checks. The
same two checks are registered here, each importing Anymail's module at its first run.
"""

from django.apps import AppConfig
from django.core import checks


class AnymailConfig(AppConfig):
    name = "anymail"
    label = "anymail"
    verbose_name = "Anymail"

    def ready(self):
        checks.register(anymail_deprecated_settings)
        checks.register(anymail_insecure_settings)


def anymail_deprecated_settings(app_configs=None, **kwargs):
    from anymail.checks import check_deprecated_settings

    return check_deprecated_settings(app_configs, **kwargs)


def anymail_insecure_settings(app_configs=None, **kwargs):
    from anymail.checks import check_insecure_settings

    return check_insecure_settings(app_configs, **kwargs)
