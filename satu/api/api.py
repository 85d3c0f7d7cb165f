"""The versioned REST API: /api/v1/."""

from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI

from . import agencies, problems, regions, surveys

api = NinjaAPI(
    title="Satu Inovasi API",
    version="1",
    urls_namespace="api-1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    # Swagger UI sets inline styles; everything else stays as strict as the rest of the site.
    docs_decorator=csp_override(
        {
            "default-src": [CSP.SELF],
            "script-src": [CSP.SELF],
            "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
            "img-src": [CSP.SELF, "data:"],
            "frame-ancestors": [CSP.NONE],
        }
    ),
    description=(
        "Public data of the Satu Inovasi programme: regions, agencies, innovations and more. "
        "Lists are paginated with `page` and `page_size`; errors are RFC 9457 problem details "
        "in the language of `Accept-Language` (Indonesian or English)."
    ),
)
problems.install(api)
api.add_router("/regions", regions.router)
api.add_router("/agencies", agencies.router)
api.add_router("/surveys", surveys.router)
