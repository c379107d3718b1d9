import mimetypes

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from proposals.models import Proposal
from proposals.rules import proposal_is_public
from proposals.selectors.page import proposal_get_visible


@require_GET
def proposal_image(request: HttpRequest, pk: int, image_id: int) -> FileResponse:
    """An uploaded image, to exactly the people who may see its proposal."""
    try:
        proposal = proposal_get_visible(pk=pk, user=request.user)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc
    image = next((i for i in proposal.image_list if i.pk == image_id), None)
    if image is None or not image.image.storage.exists(image.image.name):
        raise Http404
    content_type = mimetypes.guess_type(image.image.name)[0] or "application/octet-stream"
    response = FileResponse(image.image.open("rb"), content_type=content_type)
    public = proposal_is_public.test(None, proposal)
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response
