"""The project's settings for the test suite, with development defaults where the environment
says nothing: production defaults are the safe ones (DEBUG off, a secret key required)."""

import os

os.environ.setdefault("DEBUG", "1")

from ita_portal.settings import *  # noqa: E402, F403
