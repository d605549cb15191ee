"""The data core: the analytic vocabulary, the typed records and their YAML lines."""
