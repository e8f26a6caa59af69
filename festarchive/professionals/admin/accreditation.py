"""Admin of the accreditation feature."""
