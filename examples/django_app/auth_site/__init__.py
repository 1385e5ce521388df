"""A minimal Django project whose sign-in and registration views leave an audit trail (see settings.py)."""
