"""The versioned REST API: /api/v1/."""

from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI

from . import (
    agencies,
    competitions,
    compliance,
    iid,
    innovation_writes,
    innovations,
    me,
    problems,
    regions,
    survey_writes,
    surveys,
)
from .auth import OptionalTokenAuth, TokenAuth


class SatuAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Errors are documented with the media type they are sent with (RFC 9457); an
        optional token is the token scheme or none at all; a page describes its items; parameter
        examples sit where OpenAPI 3.1 expects them."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for name, component in schema.get("components", {}).get("schemas", {}).items():
            results = component.get("properties", {}).get("results")
            if name.startswith("Paged") and results is not None:
                # ninja types the page's items itself, without the field's description.
                results.setdefault("description", "The items of this page.")
        schemes = schema.get("components", {}).get("securitySchemes", {})
        schemes.pop(OptionalTokenAuth.__name__, None)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                if {OptionalTokenAuth.__name__: []} in operation.get("security", []):
                    operation["security"] = [{TokenAuth.__name__: []}, {}]
                for parameter in operation.get("parameters", []):
                    # OpenAPI 3.1 wants a parameter's `examples` as a map of Example Objects;
                    # the plain list ninja writes is already in the parameter's JSON Schema.
                    examples = parameter.pop("examples", None)
                    if isinstance(examples, list):
                        parameter.setdefault("schema", {}).setdefault("examples", examples)
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = SatuAPI(
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
# The write operations register themselves on the routers of their nouns.
assert innovation_writes.router is innovations.router
assert survey_writes.router is surveys.router
problems.install(api)
api.add_router("/regions", regions.router)
api.add_router("/agencies", agencies.router)
api.add_router("/me", me.router)
api.add_router("/competitions", competitions.router)
api.add_router("/compliance", compliance.router)
api.add_router("/innovations", innovations.router)
api.add_router("/surveys", surveys.router)
api.add_router("/iid", iid.router)
