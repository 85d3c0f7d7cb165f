from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("kelola/opd/", views.agency_list, name="list"),
    path("kelola/opd/baru/", views.agency_create, name="create"),
    path("kelola/opd/<int:pk>/", views.agency_detail, name="detail"),
    path("kelola/opd/<int:pk>/ubah/", views.agency_update, name="update"),
    path("kelola/opd/<int:agency_pk>/unit/baru/", views.service_unit_form, name="unit_create"),
    path("kelola/opd/<int:agency_pk>/unit/<int:pk>/", views.service_unit_form, name="unit_update"),
]
