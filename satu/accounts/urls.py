from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("akun/", views.profile, name="profile"),
    path("akun/masuk/", views.SignInView.as_view(), name="login"),
    path("akun/keluar/", views.SignOutView.as_view(), name="logout"),
    path("akun/daftar/", views.register, name="register"),
    path("akun/hapus/", views.delete_account, name="delete_account"),
    path("akun/undangan/<int:pk>/", views.invitation, name="invitation"),
    path("akun/verifikasi/<str:token>/", views.verify_email, name="verify_email"),
    path("akun/sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/lupa-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/lupa-sandi/terkirim/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/atur-sandi/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-sandi/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("kelola/pengguna/", views.user_list, name="user_list"),
    path("kelola/pengguna/undang/", views.user_invite, name="user_invite"),
    path("kelola/pengguna/<int:pk>/", views.user_detail, name="user_detail"),
    path("kelola/pengguna/<int:pk>/status/", views.user_set_active, name="user_set_active"),
    path("kelola/peran/<int:pk>/cabut/", views.membership_revoke, name="membership_revoke"),
]
