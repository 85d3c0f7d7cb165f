from django.urls import path

from .views import office, public, verify

app_name = "competitions"
urlpatterns = [
    path("kompetisi/", public.competition_list, name="public_list"),
    path("kompetisi/<int:pk>/", public.competition_detail, name="public_detail"),
    path("kompetisi/<int:pk>/keberatan/<int:entry_pk>/", public.objection_form, name="objection"),
    path("sertifikat/<str:code>/", public.certificate_verify, name="certificate_verify"),
    path("kelola/kompetisi/", office.competition_list, name="list"),
    path("kelola/kompetisi/baru/", office.competition_create, name="create"),
    path("kelola/kompetisi/penghargaan/", office.award_list, name="awards"),
    path("kelola/kompetisi/<int:pk>/", office.competition_detail, name="detail"),
    path("kelola/kompetisi/<int:pk>/ubah/", office.competition_update, name="update"),
    path("kelola/kompetisi/<int:pk>/susunan/", office.competition_setup, name="setup"),
    path("kelola/kompetisi/<int:pk>/tahap/", office.stage_move, name="stage_move"),
    path("kelola/kompetisi/<int:pk>/peserta/", office.entry_list, name="entries"),
    path(
        "kelola/kompetisi/<int:pk>/peserta/ekspor/<str:fmt>/",
        office.entry_export,
        name="entries_export",
    ),
    path("kelola/kompetisi/<int:pk>/daftar/", office.entry_create, name="entry_create"),
    path("kelola/kompetisi/peserta/<int:pk>/", office.entry_detail, name="entry_detail"),
    path("kelola/kompetisi/<int:pk>/babak/", office.round_list, name="rounds"),
    path("kelola/kompetisi/babak/<int:pk>/", office.round_detail, name="round_detail"),
    path("kelola/kompetisi/<int:pk>/nominasi/", office.shortlist, name="shortlist"),
    path("kelola/kompetisi/<int:pk>/keberatan/", office.objection_list, name="objections"),
    path("kelola/kompetisi/<int:pk>/jadwal/", office.schedule, name="schedule"),
    path("kelola/kompetisi/<int:pk>/pemenang/", office.winners, name="winners"),
    path(
        "kelola/kompetisi/sertifikat/<int:pk>/unduh/",
        office.certificate_download,
        name="certificate_download",
    ),
    path("kelola/kompetisi/<int:pk>/verifikasi/", verify.verification_list, name="verifications"),
    path(
        "kelola/kompetisi/verifikasi/<int:round_pk>/<int:entry_pk>/",
        verify.verification_form,
        name="verification_form",
    ),
    path("kelola/kompetisi/foto/<int:pk>/", verify.photo, name="photo"),
]
