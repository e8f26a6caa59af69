"""Views of the directory feature."""

urlpatterns = []
