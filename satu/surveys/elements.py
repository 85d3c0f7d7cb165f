"""The questionnaire of the Survei Kepuasan Masyarakat (SKM, PermenPANRB 14/2017).

SKM is the citizen satisfaction survey every public-service unit must run at least once a
year; its result is the IKM (Indeks Kepuasan Masyarakat). The regulation fixes nine standard
elements (unsur), each answered on a 1–4 scale with its own wording. An element is known by
its ``key`` everywhere (database column, import header, API); its ``number`` is only the
regulation's numbering, because paper questionnaires in use put the elements in different
orders (many ask about facilities as question 8 and complaints as question 9).

The English text is the source; the Indonesian wording of ``data/skm_unsur.csv`` lives in the
translation catalog and a test keeps the two equal.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ANSWERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Scale:
    """The four answer labels of a question, from worst (1) to best (4)."""

    key: str
    labels: tuple[Promise, Promise, Promise, Promise]

    def label(self, value: int) -> Promise:
        return self.labels[value - 1]


SCALES: dict[str, Scale] = {
    scale.key: scale
    for scale in (
        Scale(
            "sesuai",
            (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
        ),
        Scale("mudah", (_("Not easy"), _("Not quite easy"), _("Easy"), _("Very easy"))),
        Scale("cepat", (_("Not fast"), _("Not quite fast"), _("Fast"), _("Very fast"))),
        Scale(
            "biaya", (_("Very expensive"), _("Rather expensive"), _("Cheap"), _("Free of charge"))
        ),
        Scale(
            "kompeten",
            (_("Not competent"), _("Not quite competent"), _("Competent"), _("Very competent")),
        ),
        Scale(
            "sopan",
            (
                _("Not polite and friendly"),
                _("Not quite polite and friendly"),
                _("Polite and friendly"),
                _("Very polite and friendly"),
            ),
        ),
        Scale(
            "pengaduan",
            (
                _("There is none"),
                _("Exists but does not work"),
                _("Works but not fully"),
                _("Well managed"),
            ),
        ),
        Scale("baik", (_("Poor"), _("Fair"), _("Good"), _("Very good"))),
        Scale(
            "puas",
            (_("Not satisfied"), _("Not quite satisfied"), _("Satisfied"), _("Very satisfied")),
        ),
        Scale("jelas", (_("Not clear"), _("Not quite clear"), _("Clear"), _("Very clear"))),
    )
}


class ScaleChoice(models.TextChoices):
    """Answer scales offered for a unit's own extra elements."""

    SESUAI = "sesuai", _("Not appropriate … very appropriate")
    MUDAH = "mudah", _("Not easy … very easy")
    CEPAT = "cepat", _("Not fast … very fast")
    BAIK = "baik", _("Poor … very good")
    PUAS = "puas", _("Not satisfied … very satisfied")
    JELAS = "jelas", _("Not clear … very clear")


@dataclass(frozen=True)
class Element:
    key: str
    number: int
    name: Promise
    definition: Promise
    question: Promise
    scale: Scale

    @property
    def labels(self) -> tuple[Promise, Promise, Promise, Promise]:
        return self.scale.labels


STANDARD_ELEMENTS: tuple[Element, ...] = (
    Element(
        "persyaratan",
        1,
        _("Requirements"),
        _("Technical and administrative conditions to be met to obtain the service"),
        _("What do you think of how well the service requirements match the type of service?"),
        SCALES["sesuai"],
    ),
    Element(
        "prosedur",
        2,
        _("Systems, mechanisms and procedures"),
        _("The standard way the service is given and received, including how complaints are made"),
        _("How easy are the service procedures at this unit?"),
        SCALES["mudah"],
    ),
    Element(
        "waktu",
        3,
        _("Completion time"),
        _("The time needed to complete the whole process of each type of service"),
        _("How fast is the service given?"),
        SCALES["cepat"],
    ),
    Element(
        "biaya",
        4,
        _("Cost/tariff"),
        _("The charge the service user pays, as set by the rules"),
        _("How fair is the cost or tariff of the service?"),
        SCALES["biaya"],
    ),
    Element(
        "produk",
        5,
        _("Product specification of the service type"),
        _("The result of the service as set in the service standard"),
        _(
            "How well does the product promised in the service standard match the result "
            "you received?"
        ),
        SCALES["sesuai"],
    ),
    Element(
        "kompetensi",
        6,
        _("Competence of the staff"),
        _("The ability of the staff: knowledge, expertise, skills and experience"),
        _("How competent are the staff in giving the service?"),
        SCALES["kompeten"],
    ),
    Element(
        "perilaku",
        7,
        _("Behaviour of the staff"),
        _("The attitude of the staff in giving the service"),
        _("How polite and friendly are the staff?"),
        SCALES["sopan"],
    ),
    Element(
        "pengaduan",
        8,
        _("Handling of complaints, suggestions and feedback"),
        _("How complaints are handled and followed up"),
        _("How are complaints from service users handled?"),
        SCALES["pengaduan"],
    ),
    Element(
        "sarana",
        9,
        _("Facilities and infrastructure"),
        _("The equipment (sarana) and premises (prasarana) with which the service is given"),
        _("What is the quality of the facilities and infrastructure?"),
        SCALES["baik"],
    ),
)

ELEMENTS_BY_KEY: dict[str, Element] = {element.key: element for element in STANDARD_ELEMENTS}
STANDARD_KEYS: tuple[str, ...] = tuple(element.key for element in STANDARD_ELEMENTS)


def extra_key(position: int) -> str:
    """The column name of a unit's own element in imports and exports."""
    return f"tambahan_{position}"
