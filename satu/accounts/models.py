"""People and the roles they hold, each scoped to an agency or a region."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .emails import normalize_email


class Role(models.TextChoices):
    OPERATOR = "operator", _("Agency operator")
    AGENCY_HEAD = "agency_head", _("Agency head")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    SECRETARIAT = "secretariat", _("Programme secretariat")
    JUROR = "juror", _("Juror")
    FIELD_VERIFIER = "field_verifier", _("Field verifier")


# Roles held within one agency; every other role is held within a region.
AGENCY_ROLES = frozenset({Role.OPERATOR, Role.AGENCY_HEAD})
# Roles whose region must be a province (the programme is run by the province).
PROVINCE_ROLES = frozenset({Role.SECRETARIAT, Role.JUROR, Role.FIELD_VERIFIER})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        return normalize_email(email)

    def get_by_natural_key(self, username: str | None) -> "User":
        # An exact match on the canonical form: ``iexact`` folds differently per engine.
        return self.get(email=normalize_email(username))

    def _create(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        extra.setdefault("email_verified_at", timezone.now())
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address: a civil servant, juror or citizen."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("Only for system administrators."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
        help_text=_("The language of the emails you receive."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(user__is_active=True)


class ScopedRole:
    """A role within one agency or one region: a membership, or one offered by invitation."""

    role: str
    agency_id: int | None
    region_id: int | None

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.scope}"  # type: ignore[attr-defined]

    @property
    def scope(self) -> object:
        return self.agency if self.agency_id else self.region  # type: ignore[attr-defined]

    def clean(self) -> None:
        if self.role in AGENCY_ROLES:
            if not self.agency_id or self.region_id:
                raise ValidationError({"agency": _("This role is held within an agency.")})
        else:
            if not self.region_id or self.agency_id:
                raise ValidationError({"region": _("This role is held within a region.")})
            region = self.region  # type: ignore[attr-defined]
            if self.role in PROVINCE_ROLES and not region.is_province:
                raise ValidationError({"region": _("This role is held within a province.")})
            if self.role == Role.REGIONAL_ADMIN and region.is_province:
                raise ValidationError(
                    {"region": _("A regional administrator serves a kabupaten or kota.")}
                )


class Membership(ScopedRole, models.Model):
    """A role a user holds within one agency or one region."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        related_name="memberships",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="memberships",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False) & Q(region__isnull=True))
                | (Q(agency__isnull=True) & Q(region__isnull=False)),
                name="membership_scoped_to_agency_or_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(agency__isnull=False),
                name="membership_unique_agency_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_region_role",
            ),
        ]


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> "InvitationQuerySet":
        return self.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())


class Invitation(ScopedRole, models.Model):
    """A role offered to a person who already has an account, given only once they accept.

    Inviting an existing address must not attach that account to the inviter's scope on the
    inviter's word alone: the owner signs in and accepts (or declines) the offer.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="invitations", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("role invitation")
        verbose_name_plural = _("role invitations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False) & Q(region__isnull=True))
                | (Q(agency__isnull=True) & Q(region__isnull=False)),
                name="invitation_scoped_to_agency_or_region",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > timezone.now()
