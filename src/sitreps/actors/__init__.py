"""sitreps.actors"""
