"""Fixtures of the turnover tests: data sets, published examples and one default result."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import synth
from workbench.params import TurnoverDriversParams
from workbench.turnover import schema

DRIVERS = list(schema.DRIVERS)
CATEGORICAL = list(schema.CATEGORICAL)
ROSSI_X = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
#: Parameters that keep an in-process run short (fewer folds, shuffles and draws).
FAST = {"cv_folds": 3, "permutation_repeats": 1, "n_draws": 100}


@pytest.fixture(scope="session")
def workers() -> pd.DataFrame:
    return synth.workers()


@pytest.fixture(scope="session")
def small() -> pd.DataFrame:
    return synth.workers(n=600, seed=7)


@pytest.fixture(scope="session")
def spector() -> pd.DataFrame:
    import statsmodels.api as sm

    d = sm.datasets.spector.load_pandas()
    return pd.concat([d.exog, d.endog], axis=1)


@pytest.fixture(scope="session")
def rossi() -> pd.DataFrame:
    from lifelines.datasets import load_rossi

    return load_rossi()


@pytest.fixture(scope="session")
def params() -> TurnoverDriversParams:
    return TurnoverDriversParams()


@pytest.fixture(scope="session")
def result(params):
    """The default run, in process (what the notebook's run cell computes)."""
    from workbench.turnover import run

    return run(params)


#: A user's file with its own column names (Chinese), in GBK, without the delayed-entry column.
OWN_NAMES = {
    "worker_id": "工号",
    "left": "是否离职",
    "tenure_years": "工龄",
    "age": "年龄",
    "monthly_pay": "月薪",
    "weekly_hours": "周工时",
    "duty_overlap": "职责重叠",
    "has_sw_certificate": "社工证",
    "professional_identity": "职业认同",
    "resident_recognition": "居民认可",
    "contract_type": "合同",
    "district": "区",
}


def _user_run(tmp_path_factory, name: str, frame: pd.DataFrame, **values):
    from workbench.turnover import run

    folder = tmp_path_factory.mktemp(name)
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False, encoding=values.pop("encoding", "utf-8"))
    p = TurnoverDriversParams(data_path=str(path), **FAST, **values)
    return run(p), p, frame


@pytest.fixture(scope="session")
def own_file_run(tmp_path_factory):
    """(result, params, frame) of a GBK file with its own names and no entry column."""
    own = synth.workers(n=600, seed=7).drop(columns="tenure_start_years").rename(columns=OWN_NAMES)
    return _user_run(tmp_path_factory, "社区工作者", own, encoding="gb18030", column_map=OWN_NAMES)


@pytest.fixture(scope="session")
def few_run(tmp_path_factory):
    """(result, params, frame) of 150 workers: too few events per term."""
    return _user_run(tmp_path_factory, "few", synth.workers(n=150, seed=3))


@pytest.fixture(scope="session")
def separated_run(tmp_path_factory):
    """(result, params, frame) of data where every agency worker left (separation)."""
    sep = synth.workers(n=600, seed=7)
    sep.loc[sep["contract_type"] == "agency", "left"] = 1
    return _user_run(tmp_path_factory, "separated", sep)
