"""Published reports on the public site (/<lang>/reports/), namespace "reports"."""

from django.urls import path

from reporting import views

app_name = "reports"
urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:pk>/download/", views.public_download, name="download"),
]
