import os

from django.core.wsgi import get_wsgi_application

from festarchive.ops.checks import refuse_insecure_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()

# Django runs no system checks under a server such as gunicorn: refuse here
# to serve with debug on or with the demo key (festarchive.ops.checks).
refuse_insecure_start()
