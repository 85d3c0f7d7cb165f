from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import Agency
from satu.regions.models import Region

from .models import AGENCY_ROLES, Role, User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The email address or password is wrong. After five wrong attempts in a row the "
            "account is locked for a while."
        ),
        "inactive": _("This account is not active. Check your email for the verification link."),
    }


class HoneypotMixin(forms.Form):
    """A field people never see; bots fill it in."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be sent."))
        return ""


class RegistrationForm(HoneypotMixin):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only numbers and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is really you."),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language"]


class RoleForm(forms.Form):
    """A role in an agency or a region, limited to what the manager may give."""

    role = forms.ChoiceField(label=_("Role"))
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("For operators and agency heads."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_(
            "For the other roles: the province, or the kabupaten/kota of a regional administrator."
        ),
    )

    def __init__(self, *args: object, manager: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from satu.agencies.policies import manageable_agencies, regions_for_new_agencies

        from .policies import grantable_roles

        self.fields["role"].choices = [("", "—")] + grantable_roles(manager)
        self.fields["agency"].queryset = (
            manageable_agencies(manager).select_related("region").order_by("name")
        )
        self.fields["region"].queryset = regions_for_new_agencies(manager)

    def clean(self) -> dict:
        data = super().clean()
        role = data.get("role")
        if role in AGENCY_ROLES:
            if not data.get("agency"):
                self.add_error("agency", _("Choose the agency for this role."))
            data["region"] = None
        elif role:
            if not data.get("region"):
                self.add_error("region", _("Choose the region for this role."))
            data["agency"] = None
        return data


class InviteForm(RoleForm):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)

    field_order = ["full_name", "email", "role", "agency", "region"]


ROLE_FILTER_CHOICES = [("", _("All roles")), *Role.choices]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_FILTER_CHOICES, required=False)
