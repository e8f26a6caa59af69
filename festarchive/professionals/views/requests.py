"""Views of the requests feature."""

urlpatterns = []
