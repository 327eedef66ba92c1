"""Running a sweep's runs on this machine: a pool of forked children, at most N at a time.

The parent imports the analysis stack once; each run is a child forked from it that executes one
notebook and exits (see :mod:`workbench.runner.supervisor`). A failed run does not stop the others
unless ``fail_fast``; an interrupt stops every running child and removes its temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.errors import RunError
from workbench.runner import supervisor as ex
from workbench.runner.planning import Plan

Job = tuple[Plan, str]  # a plan and its cache key


def run_local(
    jobs: list[Job],
    workers: int,
    engine: str,
    timeout: float,
    on_done: Callable[[ex.RunResult], None],
    fail_fast: bool = False,
) -> list[ex.RunResult]:
    """Execute ``jobs`` with at most ``workers`` children at once; call ``on_done`` for each.

    Returns
    -------
    list of RunResult
        In the order the runs finished; with ``fail_fast``, the runs not started after the first
        failure are missing.
    """
    queue, running, results = list(jobs), {}, []
    stop = False
    try:
        while queue or running:
            while queue and len(running) < workers and not stop:
                plan, key = queue.pop(0)
                try:
                    started = ex.start(plan, engine, timeout, key)
                except RunError as exc:  # another process runs the same name
                    result = ex.RunResult(
                        plan.analysis,
                        plan.name,
                        "failed",
                        None,
                        0.0,
                        f"FAILED {plan.analysis}/{plan.name}: {exc}",
                        1,
                        {"cell": None, "ename": "RunError", "evalue": str(exc)},
                    )
                    results.append(result)
                    on_done(result)
                    stop = stop or fail_fast
                    continue
                running[started.child] = started
            if not running:
                break
            child, status = ex.wait_any(list(running))
            result = ex.finish(running.pop(child), status)
            results.append(result)
            on_done(result)
            if result.status != "ok" and fail_fast:
                stop = True
                for other in list(running.values()):
                    ex.abandon(other)
                running.clear()
                queue.clear()
    except BaseException:
        for other in running.values():
            ex.abandon(other)
        raise
    return results
