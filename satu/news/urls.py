from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("berita/", views.article_list, name="list"),
    path("berita/rss/", feeds.ArticleFeed(), name="feed"),
    path("berita/<int:pk>/", views.article_detail, name="detail_short"),
    path("berita/<int:pk>/<slug:slug>/", views.article_detail, name="detail"),
    path("berita/<int:pk>/foto.jpg", views.article_photo, name="photo"),
    path(
        "berita/<int:pk>/foto-kecil.jpg",
        views.article_photo,
        {"size": "small"},
        name="photo_small",
    ),
    path("kelola/berita/", views.manage_list, name="manage_list"),
    path("kelola/berita/baru/", views.manage_create, name="manage_create"),
    path("kelola/berita/<int:pk>/ubah/", views.manage_edit, name="manage_edit"),
    path("kelola/berita/<int:pk>/hapus/", views.manage_delete, name="manage_delete"),
]
