from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


screening_ics = my_festival = my_festival_print = planner_settings = _not_yet
feed_rotate = star = shared_plan = feed = _not_yet
