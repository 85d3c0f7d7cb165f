from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("kelola/", views.dashboard, name="dashboard"),
    path("bahasa/<str:code>/", views.language, name="language"),
]
