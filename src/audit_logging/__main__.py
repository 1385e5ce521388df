"""``python -m audit_logging``: the command-line interface."""

import sys

from audit_logging.cli import main

sys.exit(main())
