"""The example's two routes."""

from __future__ import annotations

from django.urls import path

from auth_site import views

urlpatterns = [path("sign-in", views.sign_in), path("register", views.register)]
