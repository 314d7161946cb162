"""Cross-report event fusion: scoring, incremental clustering, corroboration and fatality
estimates, the actor graph, and fusion evaluation (see ``docs/store.md``)."""
