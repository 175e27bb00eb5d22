"""Figures, highlighted evidence and the HTML report."""
