"""Reading corpora, and streaming an analysis to disk."""
