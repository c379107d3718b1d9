"""OpenAPI naming for the HackSoft-style nested Input/Output serializers."""

from drf_spectacular.openapi import AutoSchema


class ApiSchema(AutoSchema):
    """Names a nested serializer after its view, so every view's `InputSerializer` and
    `OutputSerializer` get distinct components: ProposalCreateApi.InputSerializer →
    "ProposalCreateInput"."""

    def get_serializer_name(self, serializer, direction) -> str:
        qualname = type(serializer).__qualname__
        if "." not in qualname:
            return super().get_serializer_name(serializer, direction)
        owner, name = qualname.rsplit(".", 1)
        return owner.removesuffix("Api") + name.removesuffix("Serializer")
