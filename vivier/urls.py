from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from vivier.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="pool:list", permanent=False)),
    path("accounts/", include("vivier.accounts.urls")),
    path("pool/", include("vivier.pool.urls")),
    path("api/", api.urls),
    path("mail/", include("vivier.sequences.unsubscribe_urls")),
]

# Each later app adds its own include here as it gains pages.
for app in ("segments", "jobs", "sequences", "replies", "insights"):
    try:
        urlpatterns.append(path(f"{app}/", include(f"vivier.{app}.urls")))
    except ModuleNotFoundError:
        pass

if settings.DEBUG:
    pass
