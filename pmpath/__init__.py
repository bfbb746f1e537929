"""pmpath: where a product manager stands, and the roadmap to Chief Product Officer."""

# First, before anything that only a current Python compiles: on an older one, one line that
# says which Python pmpath needs (pmpath/_guard.py compiles on any Python 3), then exit 2.
from pmpath import _guard  # noqa: F401

# A literal, not importlib.metadata: `pmpath --version` answers before anything else is imported.
__version__ = "0.1.0"
