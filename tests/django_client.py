"""Drive the Django example with Django's own test client, in a process of its own (Django's settings are global).

Run by tests/test_frameworks.py: ``python tests/django_client.py OUT``. It
writes to OUT, as JSON, each response's status and body and every record
``capture_audit_events()`` saw; the project's log lines go to stdout.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "examples" / "django_app"))
os.environ["DJANGO_SETTINGS_MODULE"] = "auth_site.settings"  # read when django.setup() runs, below

import django
from django.test import Client

from audit_logging.testing import capture_audit_events

django.setup()
client = Client()
calls = [
    ("/sign-in", {"username": "alice", "password": "correct horse"}, {"HTTP_X_REQUEST_ID": "req-1"}),
    ("/sign-in", {"username": "alice", "password": "wrong"}, {"HTTP_X_REQUEST_ID": "req-2"}),
    ("/register", {"username": "bob", "password": "s3cret-pass"}, {"HTTP_USER_AGENT": "django-test"}),
    ("/register", {"username": "bob", "password": "again"}, {}),
]
responses = []
with capture_audit_events() as records:
    for path, data, headers in calls:
        response = client.post(path, data, **headers)
        responses.append({"status": response.status_code, "body": response.content.decode()})
Path(sys.argv[1]).write_text(json.dumps({"responses": responses, "records": records}, default=str), encoding="utf-8")
