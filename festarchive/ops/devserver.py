"""What Django's own development server (``runserver``, ``festarchive demo``)
serves: the application of ``config.wsgi`` without its refusal of the demo key
and of debug, which the demo runs with. Production servers load config.wsgi."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
