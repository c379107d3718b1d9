"""/api/docs/: Swagger UI over /api/schema/, within the site's Content-Security-Policy.

drf-spectacular's default page runs its initializer as an inline script, which the CSP
(script-src 'self' plus a nonce) blocks, leaving a blank page. The split view serves the
initializer from the same URL with ?script, and our template loads it as a file. Scripts
stay as strict as everywhere; only this page allows inline styles, because Swagger UI
writes style attributes into the markup it renders (its icons).
"""

from django.conf import settings
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularSwaggerSplitView

DOCS_CSP = {**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}


@method_decorator(csp_override(DOCS_CSP), name="dispatch")
class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
