from django.urls import path

from . import views

app_name = "innovations"
urlpatterns = [
    path("kelola/inovasi/", views.innovation_list, name="list"),
    path("kelola/inovasi/menunggu/", views.innovation_queue, name="queue"),
    path("kelola/inovasi/baru/", views.innovation_create, name="create"),
    path("kelola/inovasi/ekspor.<str:fmt>", views.innovation_export, name="export"),
    path("kelola/inovasi/impor/", views.import_start, name="import"),
    path("kelola/inovasi/impor/templat.<str:fmt>", views.import_template, name="import_template"),
    path("kelola/inovasi/impor/<int:pk>/", views.import_job, name="import_job"),
    path("kelola/inovasi/<int:pk>/", views.innovation_detail, name="detail"),
    path("kelola/inovasi/<int:pk>/ubah/", views.innovation_edit, name="edit"),
    path("kelola/inovasi/<int:pk>/riwayat/", views.innovation_history, name="history"),
    path("kelola/inovasi/<int:pk>/riwayat/<int:number>/", views.revision_detail, name="revision"),
    path(
        "kelola/inovasi/<int:pk>/profil.<str:fmt>",
        views.innovation_profile_export,
        name="profile_export",
    ),
    path("kelola/inovasi/<int:pk>/bukti/", views.evidence_add, name="evidence_add"),
    path(
        "kelola/inovasi/<int:pk>/bukti/<int:evidence_pk>/hapus/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path("kelola/inovasi/<int:pk>/status-tahunan/", views.year_status, name="year_status"),
    path("kelola/inovasi/<int:pk>/<slug:slug>/", views.innovation_act, name="act"),
    path("berkas/bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
]
