"""Models sitrep trains from the shared gold data (`sitrep train KIND`), shipped as package data."""
