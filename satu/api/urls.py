from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("akun/token/", views.token_list, name="list"),
    path("akun/token/<int:pk>/cabut/", views.token_revoke, name="revoke"),
]
