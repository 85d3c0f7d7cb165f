"""Managing one's own API tokens (pages under /akun/token/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satu.core.errors import DomainError

from . import services
from .forms import TokenForm
from .models import ApiToken


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = services.create_token(
                request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            created = {"token": token, "plain": plain}
            form = TokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(
        request, "api/token_list.html", {"form": form, "tokens": tokens, "created": created}
    )
    # The page may show a secret once: never cache it.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_token(request.user, token)
    messages.success(request, _("The token has been revoked."))
    return redirect("api_tokens:list")
