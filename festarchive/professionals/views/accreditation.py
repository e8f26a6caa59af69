"""Applying for professional access, and the section's front page."""

from django.shortcuts import render


def home(request):
    return render(request, "professionals/home.html")


def apply(request):
    return render(request, "professionals/home.html")
