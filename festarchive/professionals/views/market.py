"""Views of the market feature."""

urlpatterns = []
