"""Small hand-checkable organisations tables for the funding tests."""

from __future__ import annotations

import pandas as pd


def small_frame() -> pd.DataFrame:
    """Four organisations with hand-checkable amounts (the published small test case)."""
    return pd.DataFrame(
        {
            "org_id": ["a", "b", "c", "d"],
            "group": ["x", "x", "y", "y"],
            "government_purchase": [90.0, 50.0, 10.0, 0.0],
            "foundation_grants": [0.0, 10.0, 0.0, 5.0],
            "donations": [5.0, 10.0, 0.0, 0.0],
            "service_fees": [5.0, 20.0, 0.0, 10.0],
            "other": [0.0, 10.0, 0.0, 0.0],
        }
    )
