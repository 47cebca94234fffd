import os

from django.core.wsgi import get_wsgi_application

from kyodo_portal.startup import refuse_unsafe_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo_portal.settings")
refuse_unsafe_configuration()
application = get_wsgi_application()
