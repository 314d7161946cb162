"""sitreps.fuse"""
