"""Benchmark: is every answer true? Seeded random scenarios, their explanations checked
independently, and the search portfolio against a plain model on hard weeks.

    python bench/bench_answers.py                   # 1,000 scenarios (seed 1), then the hard weeks
    python bench/bench_answers.py -n 200 --seed 7
    python bench/bench_answers.py --seed 1 --only 417 --dump   # one case, and its file
    python bench/bench_answers.py -n 0              # the hard weeks only
    python bench/bench_answers.py --jobs 2 --log answers.jsonl --resume   # go on after a stop

Scenario K of seed S is drawn by ``random.Random(f"answers:{S}:{K}")`` (so ``--only K``
draws the same one): 1 to 28 days; one to three slots at odd times (23:30, 09:05, ...)
or any minute; closed days and slots; one to six session types among the built-in ones
and three custom ones (hill_sprints, a key run with heavy legs; strides; sled_push, a hard
heavy-legs strength type of load 300), the count filling 20 to 100 % of the open slots;
up to two pins; a week_start and a race_date; preferences and weights; every rule at its
default, hard at a random value, soft, or off. Each is solved as ``runlift solve`` does
(api.solve, default time limit, one worker) and its answer checked by the plain
feasibility model (bench/plain_model.py: CP-SAT with presolve, its own encoding), which
falls back to runlift's own search with a 120 s limit when it cannot decide in 60 s:

- the week's status agrees with the plain model's;
- an infeasible week has a non-empty conflict, and its members alone are infeasible:
  the scenario file reduced to them (every other hard rule off, every other count at 0,
  every other pin and closed entry removed) has no plan;
- a conflict that claims ``conflicts_minimal`` is minimal: that reduced file with any one
  member dropped (a rule off, a count at 0, a pin removed, a slot opened) has a plan;
  one that does not claim it says so in a note;
- every relaxation offered, applied to the scenario mapping with
  runlift.scenario.relax.apply_relaxation (its ``also`` changes included), gives a file
  that loads and has a plan.

Targets (issue 13): no empty conflict, no claimed-minimal conflict that is not minimal,
no relaxation that fails, no disagreement with the plain model. The counts of undecided
weeks and of infeasible weeks without a relaxation are reported (target 0 for 7 to 14
days). Every failure prints its seed and index, to run again with ``--only``.

Hard weeks (``bench/hard_weeks/*.yaml``): runlift's search asked only whether a plan
exists (the portfolio of runlift.solver.solve) and the whole ``runlift solve``, against
the plain model's decision, run back to back (median of ``--repeat``), as a ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from answer_checks import Case, check_case  # noqa: E402
from answer_scenarios import scenario_doc  # noqa: E402
from plain_model import decide as plain_decide  # noqa: E402

from runlift.scenario.model import Scenario  # noqa: E402
from runlift.scenario.resolve import resolve  # noqa: E402

HARD_WEEKS = HERE / "hard_weeks"
COUNTS = ("solved", "infeasible", "undecided")
FAILURES = ("disagrees with the plain model", "empty conflict", "conflict is not a clash",
            "claimed minimal, is not", "unproven, says nothing", "relaxation fails")
REPORTED = ("no relaxation", "not claimed minimal", "not claimed, is minimal",
            "not claimed, is not minimal", "not proven optimal", "verification undecided")


def _case(seed: int, k: int) -> Case:
    return check_case(seed, k, scenario_doc(seed, k))


def _cases(seed: int, indices: list[int], dump: bool, jobs: int) -> Iterator[Case]:
    """Each case as it is checked; with ``jobs`` > 1 in that many processes and in the
    order they finish, so that one slow scenario does not hold back the log (each case
    is drawn from its own seed and solved with one worker, so the answers are the same)."""
    if jobs <= 1:
        for k in indices:
            if dump:
                print(yaml.safe_dump(scenario_doc(seed, k), sort_keys=False))
            yield _case(seed, k)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_case, seed, k) for k in indices]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:  # stop at once: the cases still queued are not run unseen
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def load_log(log: Path) -> list[Case]:
    """The cases a --log file holds (one JSON line each), to tally or to resume."""
    cases = []
    for line in log.read_text().splitlines():
        if line.strip():
            fields = json.loads(line)
            fields["failures"] = set(fields["failures"])
            cases.append(Case(**fields))
    return cases


def run_cases(seed: int, indices: list[int], dump: bool, log: Path | None, jobs: int = 1,
              done: list[Case] | None = None) -> list[Case]:
    """Check every index not already in ``done``; append each case to ``log``."""
    cases = list(done or [])
    seen = {c.index for c in cases if c.seed == seed}
    todo = [k for k in indices if k not in seen]
    out = log.open("a") if log else None
    for count, case in enumerate(_cases(seed, todo, dump, jobs), start=len(cases) + 1):
        cases.append(case)
        if out:
            print(json.dumps(dataclasses.asdict(case), default=sorted), file=out, flush=True)
        if dump or len(indices) == 1:
            print_case(case)
        elif count % 50 == 0:
            print(f"  {count} scenarios, {time.strftime('%H:%M:%S')}", flush=True)
    if out:
        out.close()
    wanted = set(indices)
    return sorted((c for c in cases if c.index in wanted), key=lambda c: c.index)


def print_case(case: Case) -> None:
    print(f"seed {case.seed} case {case.index}: {case.days} days, {case.status} "
          f"(plain: {case.plain}), {case.seconds:.2f} s, conflict {case.conflict}, "
          f"minimal {case.minimal}, relaxations {case.relaxations}")
    for note in case.notes:
        print(f"  note: {note}")
    for problem in case.problems:
        print(f"  {problem}")


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(seed: int, cases: list[Case]) -> bool:
    print(f"\n{len(cases)} scenarios, seed {seed}")
    for name in COUNTS:
        of = [c for c in cases if c.outcome == name]
        print(f"  {name:<12} {len(of):>5}   ({_by_days(of)})")
    infeasible = [c for c in cases if c.status == "infeasible"]
    print(f"  among the {len(infeasible)} infeasible: claimed minimal "
          f"{sum(c.minimal for c in infeasible)}, checked "
          f"{sum(c.members_checked for c in infeasible)} members and "
          f"{sum(c.relaxations for c in infeasible)} relaxations")
    ok = True
    for name in FAILURES:
        failed = [c for c in cases if name in c.failures]
        ok &= not failed
        print(f"  {name:<32} {len(failed):>4}  {'PASS' if not failed else 'FAIL'}"
              + _seeds(failed))
    for name in REPORTED:
        found = [c for c in cases if name in c.failures]
        print(f"  {name:<32} {len(found):>4}  (reported)" + _seeds(found))
    _notes(cases)
    short = [c for c in cases if c.outcome == "undecided" and 7 <= c.days <= 14]
    ok &= not short
    print(f"  undecided at 7-14 days           {len(short):>4}  "
          f"{'PASS' if not short else 'FAIL'}" + _seeds(short))
    _timings(cases)
    return ok


def _notes(cases: list[Case]) -> None:
    tally = Counter(note for c in cases for note in c.notes)
    for note, count in sorted(tally.items(), key=lambda item: -item[1]):
        print(f"  note {count:>4}x: {note}")


def _by_days(cases: list[Case]) -> str:
    bands = ((1, 6), (7, 14), (15, 21), (22, 28))
    return ", ".join(f"{lo}-{hi} d: {sum(lo <= c.days <= hi for c in cases)}"
                     for lo, hi in bands)


def _seeds(cases: list[Case]) -> str:
    if not cases:
        return ""
    shown = " ".join(f"--seed {c.seed} --only {c.index}" for c in cases[:8])
    more = f" (+{len(cases) - 8} more)" if len(cases) > 8 else ""
    return f"\n      {shown}{more}"


def _timings(cases: list[Case]) -> None:
    if not cases:
        return
    seconds = [c.seconds for c in cases]
    worst = max(cases, key=lambda c: c.seconds)
    print(f"  runlift solve per scenario: median {statistics.median(seconds):.3f} s, "
          f"p95 {quantile(seconds, 0.95):.3f} s, worst {worst.seconds:.2f} s "
          f"(--seed {worst.seed} --only {worst.index}: {worst.days} days, {worst.status})")
    checks = [c.check_seconds for c in cases]
    print(f"  independent checks per scenario: median {statistics.median(checks):.3f} s, "
          f"p95 {quantile(checks, 0.95):.3f} s, total {sum(checks):.0f} s")


def hard_weeks(repeat: int) -> None:
    print(f"\nhard weeks (bench/hard_weeks), median of {repeat}: runlift's decision "
          "(search without the objective), the whole runlift solve, the plain model")
    ratios = []
    for path in sorted(HARD_WEEKS.glob("*.yaml")):
        scenario = Scenario.model_validate(yaml.safe_load(path.read_text()))
        problem = resolve(scenario)
        (d, status), (s, answer), (p, peer) = time_week(scenario, repeat)
        ratios.append(d / max(p, 1e-3))
        print(f"  {path.stem:<26} {problem.days:>2} d  decide {d:6.3f} s ({status})  "
              f"solve {s:6.3f} s ({answer})  plain {p:6.3f} s ({peer})  "
              f"ratio {ratios[-1]:5.2f}x")
    if ratios:
        print(f"  decision time / plain model's: median {statistics.median(ratios):.2f}x, "
              f"worst {max(ratios):.2f}x")


def time_week(scenario: Scenario, repeat: int) -> list[tuple[float, str]]:
    """(median seconds, answer) of runlift's decision, runlift solve (with its
    explanation) and the plain model, run back to back ``repeat`` times."""
    from runlift.api import solve
    from runlift.solver.solve import search

    problem = resolve(scenario)
    runs: list[list[tuple[float, str]]] = [[], [], []]
    for _ in range(repeat):
        runs[0].append(_timed(lambda: search(problem, objective=False).status))
        runs[1].append(_timed(lambda: solve(scenario).status))
        runs[2].append(_timed(lambda: plain_decide(problem)[0]))
    return [_median(r) for r in runs]


def _timed(run: Any) -> tuple[float, str]:
    started = time.perf_counter()
    answer = str(run())
    return time.perf_counter() - started, answer


def _median(runs: list[tuple[float, str]]) -> tuple[float, str]:
    return statistics.median(t for t, _ in runs), runs[-1][1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="how many scenarios")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, help="run scenario K of the seed alone")
    parser.add_argument("--dump", action="store_true", help="print each scenario's file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per hard week")
    parser.add_argument("--log", type=Path, help="write each case as a JSON line here")
    parser.add_argument("--resume", action="store_true",
                        help="keep the cases already in --log and check only the rest")
    parser.add_argument("--no-hard", action="store_true", help="skip the hard weeks")
    parser.add_argument("--jobs", type=int, default=1,
                        help="check this many scenarios at once (processes)")
    args = parser.parse_args()
    indices = [args.only] if args.only is not None else list(range(args.n))
    done = load_log(args.log) if args.resume and args.log and args.log.exists() else []
    if args.log and not args.resume:
        args.log.write_text("")
    cases = (run_cases(args.seed, indices, args.dump, args.log, args.jobs, done)
             if indices else [])
    ok = summary(args.seed, cases) if cases else True
    if not args.no_hard and args.only is None:
        hard_weeks(args.repeat)
    print(f"\nanswers: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
