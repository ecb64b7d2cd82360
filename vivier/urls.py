from django.urls import include, path
from django.views.generic import RedirectView

from vivier.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="pool:list", permanent=False)),
    path("accounts/", include("vivier.accounts.urls")),
    path("pool/", include("vivier.pool.urls")),
    path("segments/", include("vivier.segments.urls")),
    path("jobs/", include("vivier.jobs.urls")),
    path("mailboxes/", include("vivier.mail.urls")),
    path("sequences/", include("vivier.sequences.urls")),
    path("replies/", include("vivier.replies.urls")),
    path("insights/", include("vivier.insights.urls")),
    path("api/", api.urls),
    path("replies/demo/", include("vivier.demo.urls")),
    path("mail/", include("vivier.sequences.unsubscribe_urls")),
]
