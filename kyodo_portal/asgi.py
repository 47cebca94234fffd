import os

from django.core.asgi import get_asgi_application

from kyodo_portal.startup import refuse_unsafe_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo_portal.settings")
refuse_unsafe_configuration()
application = get_asgi_application()
