import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engage.settings.production")

application = get_wsgi_application()

# What start-up made (modules, URL patterns, settings) lives as long as the worker: left
# out of the garbage collector's scans, a full collection looks only at what requests
# made, instead of stalling one request on every object of the process.
gc.freeze()
