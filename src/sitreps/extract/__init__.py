"""sitreps.extract"""
