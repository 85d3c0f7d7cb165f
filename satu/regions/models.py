"""Administrative regions of Indonesia with their Kemendagri codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency (kabupaten)")
    CITY = "city", _("City (kota)")


class RegionQuerySet(models.QuerySet["Region"]):
    def provinces(self) -> "RegionQuerySet":
        return self.filter(kind=RegionKind.PROVINCE)

    def local(self) -> "RegionQuerySet":
        """Kabupaten and kota."""
        return self.exclude(kind=RegionKind.PROVINCE)

    def with_children(self, region: "Region") -> "RegionQuerySet":
        """The region and its kabupaten/kota (for a province). As a subquery of a filter
        (``region__in=``), the database reads the agencies through their region index instead
        of joining every agency to its region to test ``region OR region__parent``."""
        return self.filter(models.Q(pk=region.pk) | models.Q(parent=region))


class Region(models.Model):
    """A province, kabupaten or kota. ``code`` is the Kemendagri code ("33", "33.01")."""

    code = models.CharField(_("code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [
            # /api/v1/regions?kind=… and the region pickers.
            models.Index(fields=["kind", "code"], name="region_kind_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_province(self) -> bool:
        return self.kind == RegionKind.PROVINCE

    @property
    def province(self) -> "Region":
        return self if self.is_province or self.parent is None else self.parent

    @property
    def short_name(self) -> str:
        """The name without "Kabupaten"/"Kota"/"Provinsi", as used in running text."""
        for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name
