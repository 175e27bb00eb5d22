"""Segmentation with character offsets (paragraphs, sentences, tokens) and quotations."""
