"""Festival Archive: a film festival's public archive and catalogue."""
