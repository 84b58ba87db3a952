"""cartel-atlas: evidence-backed organized-crime intelligence for Mexico.

Data flows one way: sources -> extract -> store -> analyze -> serve, on a ground of
vocab (the domain vocabulary as data), model (frozen records), errors and settings.
"""

__version__ = "0.1.0"
