from django.urls import path, register_converter

from .views import manage, public, reports


class FormatConverter:
    regex = "xlsx|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ImageConverter(FormatConverter):
    regex = "png|svg"


register_converter(FormatConverter, "sheet")
register_converter(ImageConverter, "image")

app_name = "surveys"
P = "kelola/survei/periode/<int:pk>/"
urlpatterns = [
    # Public
    path("survei/", public.survey_list, name="list"),
    path("survei/<str:code>/", public.survey_form, name="form"),
    path("survei/<str:code>/terima-kasih/", public.survey_thanks, name="thanks"),
    # Back office
    path("kelola/survei/", manage.index, name="index"),
    path("kelola/survei/rekap/", reports.rollup_page, name="rollup"),
    path("kelola/survei/krejcie-morgan/", manage.krejcie_morgan, name="krejcie_morgan"),
    path("kelola/survei/inovasi/<int:pk>/", reports.innovation_comparison, name="innovation"),
    path("kelola/survei/unit/<int:pk>/", manage.unit_dashboard, name="unit"),
    path("kelola/survei/unit/<int:unit_pk>/periode/baru/", manage.period_form, name="create"),
    path(P, manage.period_detail, name="period"),
    path(P + "ubah/", manage.period_form, name="update"),
    path(P + "kuesioner/", manage.questionnaire, name="questionnaire"),
    path(P + "tutup/", manage.period_open_or_close, {"action": "close"}, name="close"),
    path(P + "buka/", manage.period_open_or_close, {"action": "reopen"}, name="reopen"),
    path(P + "hapus/", manage.period_delete, name="delete"),
    path(P + "entri/", manage.paper_entry, name="entry"),
    path(P + "entri/<int:batch_pk>/hapus/", manage.batch_delete, name="batch_delete"),
    path(P + "impor/", manage.paper_import, name="import"),
    path(P + "impor/<int:job_pk>/", manage.import_job, name="import_job"),
    path(P + "templat.<sheet:fmt>", manage.entry_template, name="template"),
    path(P + "tinjau/", manage.review_flagged, name="review"),
    path(P + "kode/", manage.tokens, name="tokens"),
    path(P + "kode/<int:batch>/", manage.tokens_print, name="tokens_print"),
    path(P + "qr.<image:fmt>", reports.qr_code, name="qr"),
    path(P + "poster/", reports.poster, name="poster"),
    path(P + "laporan.pdf", reports.report_pdf, name="report"),
    path(P + "respons.<sheet:fmt>", reports.responses_export, name="responses"),
]
