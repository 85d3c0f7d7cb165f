"""Urusan pemerintahan: the 38 government affairs of UU 23/2014 used to classify innovations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UrusanGroup(models.TextChoices):
    BASIC_SERVICE = "wajib_pelayanan_dasar", _("Mandatory, basic service")
    MANDATORY = "wajib_non_pelayanan_dasar", _("Mandatory, not basic service")
    OPTIONAL = "pilihan", _("Optional")
    SUPPORT = "fungsi_penunjang", _("Support function")


class Urusan(models.Model):
    code = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    group = models.CharField(_("group"), max_length=30, choices=UrusanGroup.choices)
    basic_service = models.BooleanField(
        _("basic service (yandas)"),
        default=False,
        help_text=_("One of the six basic-service affairs that the IID coverage rule counts."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("government affair (urusan)")
        verbose_name_plural = _("government affairs (urusan)")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"
