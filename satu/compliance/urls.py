from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("kepatuhan/", views.board_latest, name="board_latest"),
    path("kepatuhan/<int:year>/", views.board, name="board"),
    path(
        "kepatuhan/<int:year>/unduh/<str:table>.<str:fmt>",
        views.board_export,
        name="board_export",
    ),
    path("kelola/kepatuhan/", views.backoffice_board_latest, name="backoffice_board_latest"),
    path("kelola/kepatuhan/<int:year>/", views.backoffice_board, name="backoffice_board"),
    path("kelola/kepatuhan/tahun/", views.year_list, name="year_list"),
    path("kelola/kepatuhan/tahun/baru/", views.year_form, name="year_create"),
    path("kelola/kepatuhan/tahun/<int:year>/", views.year_form, name="year_update"),
    path(
        "kelola/kepatuhan/<int:year>/pengecualian/",
        views.exemption_list,
        name="exemption_list",
    ),
    path(
        "kelola/kepatuhan/pengecualian/<int:pk>/",
        views.exemption_detail,
        name="exemption_detail",
    ),
    path(
        "kelola/kepatuhan/pengecualian/<int:pk>/<str:action>/",
        views.exemption_decide,
        name="exemption_decide",
    ),
]
