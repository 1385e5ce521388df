"""Shared fixtures; tests/ is on sys.path so helpers like spec.py import by name."""
