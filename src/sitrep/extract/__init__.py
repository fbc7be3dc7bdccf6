"""Statements (who said what) and events (who did, demanded, offered or refused what) from one article."""
