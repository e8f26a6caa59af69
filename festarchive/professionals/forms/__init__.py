"""The professionals' forms, one module per feature."""
