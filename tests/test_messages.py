"""Row messages and number coercion: one wording for every analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbench import messages


def test_rows_by_data_row_and_by_file_line():
    assert messages.rows([0, 1, 0, 1], [1, "abc", 3, None]) == "data rows 2 ('abc') and 4 (missing)"
    assert messages.rows([0, 1, 0, 0], lines=[2, 5, 6, 9]) == "file line 5"
    assert messages.rows([1] * 8) == "data rows 1, 2, 3, 4, 5 and 3 more"


def test_lines_of_reads_a_line_index_only():
    df = pd.DataFrame({"a": [1, 2]}, index=pd.Index([3, 7], name=messages.LINE_INDEX))
    assert messages.lines_of(df) == [3, 7]
    assert messages.lines_of(pd.DataFrame({"a": [1]})) is None


@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_rows_lists_at_most_the_limit(mask):
    text = messages.rows(mask)
    shown = sum(mask[:])  # flagged rows
    listed = text.split(" ", 2)[-1] if shown else ""
    if shown > messages.SHOWN:
        assert f"and {shown - messages.SHOWN} more" in text
    assert text.count(",") <= messages.SHOWN
    assert listed or text.startswith("data row")


def test_to_number_accepts_what_people_type():
    values, bad = messages.to_number(pd.Series([" 1,234.5 ", "", None, "x", "3", "-2"]))
    np.testing.assert_array_equal(bad, [False, False, False, True, False, False])
    assert values[0] == 1234.5 and values[4] == 3 and values[5] == -2
    assert np.isnan(values[1:4]).all()
    values, bad = messages.to_number(pd.Series([True, False]))
    assert values.tolist() == [1.0, 0.0] and not bad.any()


def test_excerpt_keeps_messages_short():
    assert len(messages.excerpt("a" * 10_000)) <= 60
    assert messages.excerpt(3) == "3"
