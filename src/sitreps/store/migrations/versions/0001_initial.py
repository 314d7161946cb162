"""initial schema

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "actors",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("inter", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("acled_name", sa.Text(), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "clusters",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("seed_event", sa.String(length=200), nullable=False),
        sa.Column("event_type", sa.String(length=80), nullable=True),
        sa.Column("sub_event_type", sa.String(length=120), nullable=True),
        sa.Column("plover", sa.String(length=40), nullable=True),
        sa.Column("actor1", sa.String(length=200), nullable=True),
        sa.Column("actor2", sa.String(length=200), nullable=True),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("place_id", sa.String(length=200), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_outlets", sa.Integer(), nullable=False),
        sa.Column("n_partisan", sa.Integer(), nullable=False),
        sa.Column("n_independent", sa.Integer(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("fat_low", sa.Integer(), nullable=True),
        sa.Column("fat_best", sa.Integer(), nullable=True),
        sa.Column("fat_high", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_index("ix_clusters_date", ["date_start"], unique=False)
        batch_op.create_index("ix_clusters_type", ["event_type"], unique=False)

    op.create_table(
        "edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=80), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("edits", schema=None) as batch_op:
        batch_op.create_index("ix_edits_target", ["target_kind", "target_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin2", sa.Text(), nullable=True),
        sa.Column("feature", sa.String(length=20), nullable=False),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentences", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seq"),
    )
    op.create_table(
        "skipped",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("origin", "code", name="uq_skipped_origin_code"),
    )
    op.create_table(
        "claims",
        sa.Column("report_id", sa.String(length=80), nullable=False),
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=True),
        sa.Column("claimant_role", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("partisan", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("parent", sa.String(length=80), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("report_id", "id"),
    )
    op.create_table(
        "events",
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("report_id", sa.String(length=80), nullable=False),
        sa.Column("event_id", sa.String(length=80), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=80), nullable=True),
        sa.Column("sub_event_type", sa.String(length=120), nullable=True),
        sa.Column("plover", sa.String(length=40), nullable=False),
        sa.Column("plover_mode", sa.String(length=80), nullable=True),
        sa.Column("actor1", sa.String(length=200), nullable=True),
        sa.Column("assoc_actor1", sa.Text(), nullable=False),
        sa.Column("actor2", sa.String(length=200), nullable=True),
        sa.Column("assoc_actor2", sa.Text(), nullable=False),
        sa.Column("place_id", sa.String(length=200), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("fat_best", sa.Integer(), nullable=True),
        sa.Column("fat_low", sa.Integer(), nullable=True),
        sa.Column("fat_high", sa.Integer(), nullable=True),
        sa.Column("quantities", sa.Text(), nullable=False),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("claim_id", sa.String(length=80), nullable=True),
        sa.Column("partisan", sa.Boolean(), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=True),
        sa.Column("location_reason", sa.Text(), nullable=True),
        sa.Column("date_reason", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("cluster_id", sa.String(length=40), nullable=True),
        sa.Column("merge_reason", sa.Text(), nullable=True),
        sa.Column("merge_score", sa.Float(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["clusters.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("uid"),
        sa.UniqueConstraint("report_id", "event_id", name="uq_events_report_event"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_actor1", ["actor1"], unique=False)
        batch_op.create_index("ix_events_actor2", ["actor2"], unique=False)
        batch_op.create_index("ix_events_cluster", ["cluster_id"], unique=False)
        batch_op.create_index("ix_events_date", ["date_start"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("report_id", sa.String(length=80), nullable=False),
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=True),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("report_id", "id"),
    )
    op.create_table(
        "relations",
        sa.Column("report_id", sa.String(length=80), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.String(length=80), nullable=True),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("report_id", "idx"),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index("ix_relations_source", ["source"], unique=False)
        batch_op.create_index("ix_relations_target", ["target"], unique=False)

    op.create_table(
        "report_actors",
        sa.Column("report_id", sa.String(length=80), nullable=False),
        sa.Column("actor_id", sa.String(length=200), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("mentions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("report_id", "actor_id"),
    )
    op.create_table(
        "report_places",
        sa.Column("report_id", sa.String(length=80), nullable=False),
        sa.Column("place_id", sa.String(length=200), nullable=False),
        sa.Column("mentions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("report_id", "place_id"),
    )


def downgrade() -> None:

    op.drop_table("report_places")
    op.drop_table("report_actors")
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index("ix_relations_target")
        batch_op.drop_index("ix_relations_source")

    op.drop_table("relations")
    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_date")
        batch_op.drop_index("ix_events_cluster")
        batch_op.drop_index("ix_events_actor2")
        batch_op.drop_index("ix_events_actor1")

    op.drop_table("events")
    op.drop_table("claims")
    op.drop_table("skipped")
    op.drop_table("reports")
    op.drop_table("places")
    with op.batch_alter_table("edits", schema=None) as batch_op:
        batch_op.drop_index("ix_edits_target")

    op.drop_table("edits")
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index("ix_clusters_type")
        batch_op.drop_index("ix_clusters_date")

    op.drop_table("clusters")
    op.drop_table("actors")
