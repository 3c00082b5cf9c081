"""quotewire: news articles in, who said what, where and when out."""

from pathlib import Path

__version__ = "0.1.0"

#: The repository root (SQL, sample data and sources.toml live here).
PROJECT_ROOT = Path(__file__).resolve().parents[1]
