from django.urls import include, path

from vivier.accounts import views as accounts_views
from vivier.api import api
from vivier.sequences.views import health

urlpatterns = [
    path("", accounts_views.home_view, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("status/", health.status, name="status"),
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
