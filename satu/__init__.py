"""Satu Inovasi: the public-service innovation programme platform."""
