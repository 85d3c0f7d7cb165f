from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("komentar/<str:kind>/<int:pk>/", views.post_comment, name="post"),
    path("komentar/<int:pk>/laporkan/", views.report, name="report"),
    path("inovasi/<int:pk>/nilai/", views.rate, name="rate"),
    path("kelola/moderasi/", views.moderation_queue, name="moderation"),
    path("kelola/moderasi/<int:pk>/sembunyikan/", views.moderation_hide, name="hide"),
    path("kelola/moderasi/<int:pk>/tampilkan/", views.moderation_restore, name="restore"),
    path("kelola/moderasi/<int:pk>/abaikan/", views.moderation_dismiss, name="dismiss"),
]
