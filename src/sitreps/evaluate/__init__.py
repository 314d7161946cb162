"""sitreps.evaluate"""
