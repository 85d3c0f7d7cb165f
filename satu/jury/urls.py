from django.urls import path

from .views import juror, office

app_name = "jury"
urlpatterns = [
    # The juror's area
    path("juri/", juror.home, name="home"),
    path("juri/babak/<int:pk>/", juror.round_work, name="round"),
    path("juri/babak/<int:pk>/ekspor/<str:fmt>/", juror.round_export, name="round_export"),
    path("juri/nilai/<int:pk>/", juror.score, name="score"),
    path("juri/nilai/<int:pk>/draf/", juror.autosave, name="autosave"),
    path("juri/nilai/<int:pk>/bukti/<int:evidence_pk>/", juror.evidence, name="evidence"),
    path("juri/nilai/<int:pk>/konflik/", juror.declare, name="declare"),
    # The secretariat's pages, under the competition's back office
    path("kelola/kompetisi/<int:pk>/juri/", office.jury_home, name="office"),
    path("kelola/kompetisi/<int:pk>/juri/pool/", office.pool, name="pool"),
    path("kelola/kompetisi/juri/<int:pk>/", office.juror_edit, name="juror_edit"),
    path("kelola/kompetisi/<int:pk>/konflik/", office.conflict_list, name="conflicts"),
    path("kelola/kompetisi/babak/<int:pk>/rubrik/", office.rubric, name="rubric"),
    path("kelola/kompetisi/babak/<int:pk>/penugasan/", office.assignment, name="assignment"),
    path("kelola/kompetisi/babak/<int:pk>/kemajuan/", office.progress, name="progress"),
    path("kelola/kompetisi/babak/<int:pk>/peringkat/", office.ranking, name="ranking"),
    path(
        "kelola/kompetisi/babak/<int:pk>/peringkat/ekspor/<str:fmt>/",
        office.ranking_export,
        name="ranking_export",
    ),
    path("kelola/kompetisi/babak/<int:pk>/riwayat/", office.history, name="history"),
]
