"""sitreps.ingest"""
