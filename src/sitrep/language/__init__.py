"""Language layer: spaCy parse, actor, place and date mentions."""
