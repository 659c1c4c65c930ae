"""Normalised words, verbatim/altered matching, the verdict on a quote and its text."""
