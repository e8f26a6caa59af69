"""The festival programme: venues, screens, screenings and visitors' planners."""
