from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("kelola/notifikasi/", views.notification_list, name="list"),
    path("kelola/notifikasi/<int:pk>/", views.notification_open, name="open"),
    path("kelola/notifikasi/<int:pk>/dibaca/", views.notification_read, name="read"),
    path("kelola/notifikasi/semua-dibaca/", views.notification_read_all, name="read_all"),
]
