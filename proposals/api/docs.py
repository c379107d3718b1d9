"""/api/docs/: Swagger UI over /api/schema/, within the site's Content-Security-Policy.

drf-spectacular's default page runs its initializer as an inline script, which the CSP
(script-src 'self' plus a nonce) blocks, leaving a blank page. The split view serves the
initializer from the same URL with ?script, and our template loads it as a file.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
