"""Views of the programme: the public timetable and pages (``timetable``),
visitors' planners and calendar files (``planner``), exports (``exports``)."""
