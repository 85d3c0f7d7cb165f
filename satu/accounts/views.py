from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from satu.core.decorators import back_office
from satu.core.errors import DomainError

from . import policies, services
from .access import get_access
from .forms import (
    DeleteAccountForm,
    InviteForm,
    ProfileForm,
    RegistrationForm,
    RoleForm,
    SignInForm,
    UserFilterForm,
)
from .models import Invitation, Membership, Role


@method_decorator(ratelimit(key="ip", rate="30/m", method="POST", block=True), name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        if get_access(self.request.user).is_back_office:
            return str(reverse_lazy("core:dashboard"))
        return str(reverse_lazy("accounts:profile"))


class SignOutView(auth_views.LogoutView):
    pass


@method_decorator(ratelimit(key="ip", rate="5/m", method="POST", block=True), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(ratelimit(key="ip", rate="10/m", method="POST", block=True), name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# The old password is asked again: a borrowed session must not try it at full speed.
@method_decorator(
    ratelimit(key="user_or_ip", rate="10/m", method="POST", block=True), name="dispatch"
)
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return super().form_valid(form)


@ratelimit(key="ip", rate="5/m", method="POST", block=True)
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # The same page whether or not the address was already registered: its owner is
            # told by email, the visitor learns nothing.
            services.register_citizen(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            return render(
                request, "accounts/register_done.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "accounts/register.html", {"form": form})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.verify_email(token)
    except DomainError as error:
        return render(
            request, "accounts/verify_failed.html", {"message": error.message}, status=400
        )
    messages.success(request, _("Your email address is verified. You can sign in now."))
    return redirect("accounts:login")


@login_required
@ratelimit(key="user_or_ip", rate="20/m", method="POST", block=True)
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    memberships = request.user.memberships.select_related("agency", "region")  # type: ignore[union-attr]
    invitations = (
        Invitation.objects.open().filter(user=request.user).select_related("agency", "region")
    )
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "memberships": memberships, "invitations": invitations},
    )


@login_required
def invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """A role offered to the signed-in person: they accept or decline it here."""
    offer = get_object_or_404(
        Invitation.objects.filter(user=request.user).select_related(
            "agency", "region", "invited_by"
        ),
        pk=pk,
    )
    if request.method == "POST":
        accept = request.POST.get("answer") == "accept"
        try:
            services.answer_invitation(request.user, offer, accept=accept)  # type: ignore[arg-type]
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("accounts:invitation", offer.pk)
        messages.success(
            request,
            _("The role has been added to your account.")
            if accept
            else _("You have declined the invitation."),
        )
        return redirect("accounts:profile")
    return render(request, "accounts/invitation.html", {"invitation": offer})


@login_required
@ratelimit(key="user_or_ip", rate="5/m", method="POST", block=True)
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_own_account(request.user, form.cleaned_data["password"])  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for taking part.")
            )
            return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})


# Back office: managing the people of one's own scope.


@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    users = policies.visible_users(request.user)
    if form.is_valid():
        if q := form.cleaned_data["q"]:
            users = users.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
        if role := form.cleaned_data["role"]:
            users = users.filter(memberships__role=role).distinct()
    users = users.order_by("full_name", "email").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("agency", "region"))
    )
    page = Paginator(users, 25).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page_obj": page})


@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def user_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, outcome = services.invite_user(
                request.user,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                agency=data["agency"],
                region=data["region"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if outcome == services.InviteOutcome.PENDING:
                messages.success(
                    request,
                    _(
                        "%(email)s already has an account. We have asked its owner to accept "
                        "the role; it is given once they do."
                    )
                    % {"email": user.email},
                )
                return redirect("accounts:user_list")
            if outcome == services.InviteOutcome.CREATED:
                messages.success(
                    request,
                    _("The account has been created and an invitation sent to %(email)s.")
                    % {"email": user.email},
                )
            else:
                messages.success(
                    request,
                    _("The role has been added to the existing account of %(email)s.")
                    % {"email": user.email},
                )
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_invite.html", {"form": form})


@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(policies.visible_users(request.user), pk=pk)
    form = RoleForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                request.user, user, data["role"], agency=data["agency"], region=data["region"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The role has been added."))
            return redirect("accounts:user_detail", user.pk)
    manageable = set(
        policies.manageable_memberships(request.user).filter(user=user).values_list("pk", flat=True)
    )
    memberships = user.memberships.select_related("agency", "region")
    return render(
        request,
        "accounts/user_detail.html",
        {"subject": user, "memberships": memberships, "manageable": manageable, "form": form},
    )


@require_POST
@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def membership_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        policies.manageable_memberships(request.user).filter(
            user__in=policies.visible_users(request.user)
        ),
        pk=pk,
    )
    user_pk = membership.user_id
    services.revoke_role(request.user, membership)
    messages.success(request, _("The role has been removed."))
    if policies.visible_users(request.user).filter(pk=user_pk).exists():
        return redirect("accounts:user_detail", user_pk)
    return redirect("accounts:user_list")


@require_POST
@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(policies.visible_users(request.user), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_user_active(request.user, user, active)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The account has been activated.")
            if active
            else _("The account has been deactivated."),
        )
    return redirect("accounts:user_detail", user.pk)
