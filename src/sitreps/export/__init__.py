"""sitreps.export"""
