"""Extractors: pure functions from a Document to typed facts, computed once and shared by checks."""
