"""Central Asia Evidence Book: data pipeline, claim checks and notebook helpers."""

__version__ = "0.1.0"
