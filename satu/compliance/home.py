"""The compliance section of the home page."""
