"""The annotators (layers): each writes evidence spans, sentence columns and document measures,
and declares them (:class:`framing.layers.base.Annotator`)."""
