from django.urls import path

from practices.community import views

app_name = "community"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("welkom/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
    path("ervaring/<slug:slug>/", views.note_create, name="note_create"),
    path("voorstel/", views.proposal_create, name="proposal_create"),
    path("vergelijkingen/bewaren/", views.comparison_save, name="comparison_save"),
    path("vergelijkingen/<int:pk>/verwijderen/", views.comparison_delete, name="comparison_delete"),
    path("gedeeld/<str:token>/", views.comparison_shared, name="comparison_shared"),
    path("volgen/", views.follow, name="follow"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mijn-gegevens/", views.my_data, name="my_data"),
]
