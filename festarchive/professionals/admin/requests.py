"""Admin of the requests feature."""
