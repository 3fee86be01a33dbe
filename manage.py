#!/usr/bin/env python
"""Django's command-line utility. The project is installed into .venv (`make install`)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise SystemExit(
            "Django is not importable: run `make install` and use .venv/bin/python"
        ) from exc
    execute_from_command_line(sys.argv)
