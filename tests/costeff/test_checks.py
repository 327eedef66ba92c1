"""The compute modules' argument checks: misuse is a TypeError or ValueError naming the rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.costeff import checks


def test_numeric_column_names_rows():
    df = pd.DataFrame({"a": [1.0, -1.0, np.inf]})
    with pytest.raises(ValueError, match="infinite values in data row 3"):
        checks.numeric_column(df, "a", "f")
    with pytest.raises(ValueError, match="zero or negative values in data row 2"):
        checks.numeric_column(df.iloc[:2], "a", "f", positive=True)


def test_frames_and_levels():
    with pytest.raises(TypeError):
        checks.require_frame([1], "f")
    with pytest.raises(ValueError, match="level must be in"):
        checks.check_level(1.0, "f")
    assert checks.scalar_or_array(np.asarray(2.0)) == 2.0
