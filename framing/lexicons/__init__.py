"""Lexicons as data files (CSV/TSV/TXT) with a manifest; loaded via importlib.resources."""
