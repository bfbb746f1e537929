"""pmpath: where a product manager stands, and the roadmap to Chief Product Officer."""

# A literal, not importlib.metadata: `pmpath --version` answers before anything else is imported.
__version__ = "0.1.0"
