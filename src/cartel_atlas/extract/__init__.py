"""Extraction: documents in, facts with evidence offsets out.

Each component (language, sentences, numbers, dates, gazetteer, events, presence, flows,
attribution) lives in its own module with one entry point, so each can be tested and
benchmarked alone.
"""
