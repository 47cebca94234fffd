"""The honest ceiling for the benchmark: Django with nothing in it.

One URL answering plain text "ok"; settings made here in code, no middleware, no database, no
installed apps, no templates, no translations. run.py serves it with gunicorn exactly as it serves
the portal (same workers, worker class and gunicorn.conf.py) and drives it with wrk as it drives
the pages, so each page's share of it says how much of the stack's capacity the page's own work
takes. /healthz is no ceiling: it asks the database, cache and broker on every request.

    gunicorn --pythonpath benchmarks bare_app:application
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmark-bare-app-only-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        TEMPLATES=[],
        USE_I18N=False,
        USE_TZ=True,
        LOGGING_CONFIG=None,
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def ok(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", ok)]

application = get_wsgi_application()
