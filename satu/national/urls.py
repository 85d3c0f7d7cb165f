from django.urls import path

from . import views

app_name = "national"
urlpatterns = [
    path("kelola/nasional/iid/", views.assessment_list, name="assessments"),
    path("kelola/nasional/iid/<int:pk>/", views.assessment_detail, name="assessment"),
    path(
        "kelola/nasional/iid/<int:pk>/inovasi/<int:innovation_pk>/",
        views.innovation_answers,
        name="innovation",
    ),
    path(
        "kelola/nasional/iid/<int:pk>/inovasi/<int:innovation_pk>/keluarkan/",
        views.exclude,
        name="exclude",
    ),
    path("kelola/nasional/iid/<int:pk>/tambah-inovasi/", views.include, name="include"),
    path("kelola/nasional/iid/<int:pk>/jawab/", views.answer, name="answer"),
    path("kelola/nasional/iid/<int:pk>/aksi/<str:name>/", views.action, name="action"),
    path("kelola/nasional/iid/jawaban/<int:pk>/bukti/", views.evidence_add, name="evidence_add"),
    path("kelola/nasional/iid/bukti/<int:pk>/", views.evidence_file, name="evidence_file"),
    path(
        "kelola/nasional/iid/bukti/<int:pk>/hapus/", views.evidence_remove, name="evidence_remove"
    ),
    path(
        "kelola/nasional/iid/bukti/<int:pk>/periksa/",
        views.evidence_decide,
        name="evidence_decide",
    ),
    path("kelola/nasional/aturan/", views.rule_set_list, name="rule_sets"),
    path("kelola/nasional/aturan/<int:pk>/", views.rule_set_detail, name="rule_set"),
    path("kelola/nasional/aturan/<int:pk>/salin/", views.rule_set_copy, name="rule_set_copy"),
    path("kelola/nasional/aturan/indikator/<int:pk>/", views.indicator_edit, name="indicator"),
    path("kelola/nasional/aturan/predikat/<int:pk>/", views.band_edit, name="band"),
    path("kelola/nasional/penerusan/", views.forwarding_list, name="forwardings"),
    path(
        "kelola/nasional/penerusan/ekspor/<str:fmt>/",
        views.forwarding_export,
        name="forwardings_export",
    ),
    path("kelola/nasional/penerusan/<int:pk>/hasil/", views.outcome_edit, name="outcome"),
    path("kelola/nasional/kipp/inovasi/<int:pk>/<str:fmt>/", views.kipp_innovation, name="kipp"),
    path("kelola/nasional/kipp/peserta/<int:pk>/<str:fmt>/", views.kipp_entry, name="kipp_entry"),
    path("kelola/nasional/kipp/batch/", views.kipp_batch, name="kipp_batch"),
    path("kelola/nasional/kipp/batch/<int:pk>/", views.kipp_batch_file, name="kipp_batch_file"),
]
