from django.urls import path

from . import views

app_name = "lists"
urlpatterns = [
    path("films/<slug:slug>/favourite/", views.favourite, name="favourite"),
    path("films/<slug:slug>/add-to-list/", views.list_add, name="list-add"),
    path("films/<slug:slug>/remove-from-list/", views.list_remove, name="list-remove"),
    path("my-archive/", views.my_archive, name="my-archive"),
    path("my-archive/lists/new/", views.list_create, name="list-create"),
    path("my-archive/lists/<int:pk>/", views.list_detail, name="list-detail"),
    path("my-archive/lists/<int:pk>/share/", views.list_share, name="list-share"),
    path("my-archive/lists/<int:pk>/delete/", views.list_delete, name="list-delete"),
    path(
        "my-archive/lists/<int:pk>/items/<int:item_pk>/remove/",
        views.item_remove,
        name="item-remove",
    ),
    path(
        "my-archive/lists/<int:pk>/items/<int:item_pk>/move/",
        views.item_move,
        name="item-move",
    ),
    path(
        "my-archive/lists/<int:pk>/items/<int:item_pk>/note/",
        views.item_note,
        name="item-note",
    ),
    path("lists/<str:token>/", views.public_list, name="public-list"),
]
