"""sitreps.geo"""
