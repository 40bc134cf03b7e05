"""The knowledge-base format and its loading: the pydantic models, reading YAML with
positions, extending and overriding, and the cache."""
