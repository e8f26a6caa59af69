"""Admin of the market feature."""
