"""Challenge benchmark (issue 13): scoring cost, leaderboard read, fair queue.

Runs in this process, in a temporary home (SQLite job store, model registry),
with the real code of the trainer and the store; no Redis, no server:

1. **Scoring vs one plain evaluation.** One real training job of the
   ``chiffres-dense`` challenge (its baseline recipe, ``--epochs`` epochs) makes
   the model. Then, ``--repeats`` times, interleaved: ``score_submission`` (the
   scoring worker's whole task: read the rows, draw and check the hidden splits
   against the manifest, load the model, predict the public and private splits,
   apply the ladder, write the aggregates) against a plain evaluation pass of
   the same model file (load it, predict the same 1,500 hidden images at the
   same batch size, compute the accuracy). Medians; one warm-up of each first.
2. **Leaderboard read.** A second challenge with 8 teams x 10 scored
   submissions and the baseline, rows inserted directly into the store; each
   read is what ``GET /api/v1/challenges/{id}/leaderboard`` does after the key
   check: ``list_submissions`` + ``build_leaderboard`` + JSON. p50 and p95.
3. **A simulated class.** 8 teams each launch 3 short jobs at once; 2 workers.
   Simulated: the clock (virtual: no sleeping) and the broker (its messages in
   arrival order, one per job, taken by whichever worker is free first). Real:
   the job store (a fresh SQLite file per run) and its ordering code — with the
   fair queue a worker calls ``JobStore.claim_next_job`` for its message, then
   ``start_attempt``; the arrival-order queue runs the message's own job, as
   before the fair queue. A job lasts the duration measured for the real
   training job of part 1 (or, "mixed", that duration times a per-team factor
   drawn in 0.5-1.5). Arrivals: team by team (a team's 3 clicks together), or
   20 seeded shuffles. Measured: each team's first job's wait (start - arrival).

    python bench/challenge.py [--repeats 5] [--epochs 2]

Exit status 0 when every part ran, goals met or not; 1 if something broke.
"""

from __future__ import annotations

import argparse
import heapq
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from lab_common.challenges.data import (  # noqa: E402
    checked_splits,
    draw_splits,
    hidden_split,
    pool_of,
)
from lab_common.challenges.leaderboard import build_leaderboard  # noqa: E402
from lab_common.challenges.templates import TEMPLATES  # noqa: E402
from lab_common.datasets.catalogue import load_image_dataset  # noqa: E402
from lab_common.jobs import JobStatus, TrainingJobSpec  # noqa: E402
from lab_common.registry import ModelRegistry  # noqa: E402
from lab_common.store import (  # noqa: E402
    ChallengeStore,
    JobStore,
    connect_database,
    upgrade_database,
)
from lab_common.store.database import challenge_submissions, sqlite_url  # noqa: E402
from lab_trainer.scoring import score_submission  # noqa: E402
from lab_trainer.settings import Settings  # noqa: E402
from lab_trainer.training.image_pipeline import (  # noqa: E402
    EVALUATION_BATCH_SIZE,
    PIXEL_SCALE,
)
from lab_trainer.training.runner import run_training_job  # noqa: E402

TEMPLATE = TEMPLATES["chiffres-dense"]
SEED = 7
TEAMS = 8
SUBMISSIONS_PER_TEAM = 10
JOBS_PER_TEAM = 3
WORKERS = 2
LEADERBOARD_READS = 300
SHUFFLES = 20
MAX_SCORING_RATIO = 2.0
MAX_LEADERBOARD_P50_MS = 20.0
# "At most the time of one job per team ahead": the 7 other teams' first jobs,
# shared by the 2 workers.
MAX_FIRST_WAIT_JOBS = (TEAMS - 1) / WORKERS
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"  # progress wake-ups are skipped


def make_settings(home: Path) -> Settings:
    return Settings(
        redis_url=UNREACHABLE_REDIS_URL,
        database_url=sqlite_url(home / "archilab.db"),
        models_dir=home / "models",
        datasets_dir=home / "datasets",
        heartbeat_seconds=1.0,
    )


def new_challenge(challenges: ChallengeStore, quota: int) -> str:
    challenge_id = uuid.uuid4().hex
    labels = pool_of(load_image_dataset(TEMPLATE.dataset, None, None))[1]
    challenges.create_challenge(
        challenge_id=challenge_id,
        template=TEMPLATE.id,
        title="Bench",
        dataset=TEMPLATE.dataset,
        quota=quota,
        allow_external=False,
        seed=SEED,
        manifest=draw_splits(TEMPLATE, labels, SEED).manifest(),
        created_by="admin",
    )
    challenges.advance(challenge_id, "open")
    return challenge_id


# --- 1. scoring ---------------------------------------------------------------


@dataclass(frozen=True)
class TrainedJob:
    id: str
    seconds: float
    model_path: Path


def train_team_model(
    settings: Settings, jobs: JobStore, challenge_id: str, epochs: int
) -> TrainedJob:
    """A real challenge job (the baseline recipe, shortened): the submitted model."""
    spec = TEMPLATE.baseline_spec(challenge_id, "bench-red")
    job = jobs.create_job(spec.model_copy(update={"epochs": epochs}), "team:red")
    status = run_training_job(job.id, settings, "bench-worker")
    done = jobs.get_job(job.id)
    if status != JobStatus.SUCCEEDED or done.model_version is None:
        raise RuntimeError(f"the training job ended {status}: {done.error}")
    assert done.started_at is not None and done.finished_at is not None
    seconds = (done.finished_at - done.started_at).total_seconds()
    path = ModelRegistry(settings.models_dir).model_path(
        str(done.model_name), done.model_version
    )
    return TrainedJob(job.id, seconds, path)


def plain_evaluation(model_path: Path, images: np.ndarray, labels: np.ndarray) -> float:
    """Seconds to load the model and score it once on ``images``."""
    started = time.perf_counter()
    model = keras.saving.load_model(model_path, compile=False)
    pixels = images.astype(np.float32) / PIXEL_SCALE
    predicted = model.predict(pixels, batch_size=EVALUATION_BATCH_SIZE, verbose=0)
    float(np.mean(predicted.argmax(axis=1) == labels))
    return time.perf_counter() - started


def timed_scoring(
    settings: Settings, challenges: ChallengeStore, challenge_id: str, job_id: str
) -> float:
    submission = challenges.add_submission(
        challenge_id, team=f"t{uuid.uuid4().hex[:8]}", job_id=job_id, note="bench"
    )
    assert submission is not None
    started = time.perf_counter()
    status = score_submission(submission.id, settings)
    seconds = time.perf_counter() - started
    if status != "scored":
        raise RuntimeError(f"scoring ended {status}")
    return seconds


def hidden_images(
    challenge_id: str, challenges: ChallengeStore
) -> tuple[np.ndarray, np.ndarray]:
    """The public and private images and labels, drawn as the scorer draws them."""
    challenge = challenges.get_challenge(challenge_id)
    dataset = load_image_dataset(challenge.dataset, None, None)
    splits = checked_splits(
        TEMPLATE, pool_of(dataset)[1], challenge.seed, challenge.manifest
    )
    public = hidden_split(dataset, splits, "public")
    private = hidden_split(dataset, splits, "private")
    return (
        np.concatenate([public[0], private[0]]),
        np.concatenate([public[1], private[1]]),
    )


# --- 2. leaderboard -------------------------------------------------------------


def fill_leaderboard(challenges: ChallengeStore, challenge_id: str) -> int:
    """8 teams x 10 scored submissions and the baseline, inserted directly."""
    rng = random.Random(SEED)
    start = datetime.now(UTC)
    rows = [
        submission_row(challenge_id, None, 0, rng, start),
        *(
            submission_row(challenge_id, f"equipe-{team}", number, rng, start)
            for team in range(1, TEAMS + 1)
            for number in range(1, SUBMISSIONS_PER_TEAM + 1)
        ),
    ]
    with challenges.engine.begin() as db:
        db.execute(insert(challenge_submissions), rows)
    return len(rows)


def submission_row(
    challenge_id: str,
    team: str | None,
    number: int,
    rng: random.Random,
    start: datetime,
) -> dict[str, object]:
    public, private = rng.uniform(0.85, 0.98), rng.uniform(0.85, 0.98)
    return {
        "id": uuid.uuid4().hex,
        "challenge_id": challenge_id,
        "team": team,
        "is_baseline": team is None,
        "job_id": uuid.uuid4().hex,
        "note": f"essai {number}",
        "status": "scored",
        "public_score": public,
        "private_score": private,
        "shown_public_score": round(public, 3),
        "significant": rng.random() < 0.5,
        "public_examples": 500,
        "private_examples": 1000,
        "architecture": "dense",
        "parameters": 101_770,
        "latency_ms_per_image": 0.05,
        "created_at": start + timedelta(seconds=number),
        "scored_at": start + timedelta(seconds=number + 1),
    }


def read_leaderboard(challenges: ChallengeStore, challenge_id: str) -> float:
    started = time.perf_counter()
    challenge = challenges.get_challenge(challenge_id)
    board = build_leaderboard(challenge, challenges.list_submissions(challenge_id))
    board.model_dump_json()
    return time.perf_counter() - started


# --- 3. the simulated class --------------------------------------------------------

SIM_SPEC = TrainingJobSpec.model_validate(
    {"task": "image-classification", "dataset": "mnist-5k",
     "architecture": "tiny-cnn", "epochs": 1}
)  # fmt: skip


def play_class(
    folder: Path,
    arrivals: list[str],
    duration: Callable[[str], float],
    fair: bool,
) -> dict[str, float]:
    """Each team's first job's wait (virtual seconds) in one simulated class."""
    url = sqlite_url(folder / f"class-{uuid.uuid4().hex}.db")
    upgrade_database(url)
    engine = connect_database(url)
    store = JobStore(engine)
    try:
        owner_of = {store.create_job(SIM_SPEC, team).id: team for team in arrivals}
        messages = deque(owner_of)  # the broker: one message per job, in order
        free = [(0.0, worker) for worker in range(WORKERS)]
        running: list[tuple[float, str]] = []
        first_start: dict[str, float] = {}
        while messages:
            now, worker = heapq.heappop(free)
            while running and running[0][0] <= now:
                store.finish(heapq.heappop(running)[1], JobStatus.SUCCEEDED)
            message = messages.popleft()
            job_id = store.claim_next_job(message) if fair else message
            if job_id is None:
                heapq.heappush(free, (now, worker))
                continue
            store.start_attempt(job_id, worker=f"w{worker}")
            team = owner_of[job_id]
            first_start.setdefault(team, now)
            end = now + duration(team)
            heapq.heappush(running, (end, job_id))
            heapq.heappush(free, (end, worker))
        return first_start
    finally:
        engine.dispose()


def arrival_orders() -> dict[str, list[list[str]]]:
    teams = [f"team:{number}" for number in range(1, TEAMS + 1)]
    by_team = [team for team in teams for _ in range(JOBS_PER_TEAM)]
    shuffles = []
    for seed in range(SHUFFLES):
        order = list(by_team)
        random.Random(seed).shuffle(order)
        shuffles.append(order)
    return {"team by team": [by_team], f"{SHUFFLES} shuffles": shuffles}


def class_row(
    folder: Path,
    name: str,
    orders: list[list[str]],
    duration: Callable[[str], float],
    job_seconds: float,
) -> tuple[str, float]:
    worst = {}
    for fair in (True, False):
        worst[fair] = max(
            max(play_class(folder, order, duration, fair).values()) for order in orders
        )
    fair_jobs, fifo_jobs = worst[True] / job_seconds, worst[False] / job_seconds
    row = (
        f"| {name} | {worst[True]:.1f} s ({fair_jobs:.1f} jobs) "
        f"| {worst[False]:.1f} s ({fifo_jobs:.1f} jobs) |"
    )
    return row, fair_jobs


# --- the report ---------------------------------------------------------------------


def goal_row(goal: str, measured: str, target: str, ok: bool) -> str:
    return f"| {goal} | {measured} | {target} | {'PASS' if ok else 'FAIL'} |"


def run(home: Path, repeats: int, epochs: int) -> None:
    settings = make_settings(home)
    upgrade_database(settings.database_url)
    engine = connect_database(settings.database_url)
    jobs, challenges = JobStore(engine), ChallengeStore(engine)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"Challenge bench: Python {platform.python_version()}, {os.cpu_count()} "
        f"CPUs, load {load}, Keras {keras.__version__}\n"
    )

    challenge_id = new_challenge(challenges, quota=repeats + 10)
    trained = train_team_model(settings, jobs, challenge_id, epochs)
    images, labels = hidden_images(challenge_id, challenges)
    timed_scoring(settings, challenges, challenge_id, trained.id)  # warm-up
    plain_evaluation(trained.model_path, images, labels)
    scoring, plain = [], []
    for _ in range(repeats):
        plain.append(plain_evaluation(trained.model_path, images, labels))
        scoring.append(timed_scoring(settings, challenges, challenge_id, trained.id))
    score_ratio = statistics.median(scoring) / statistics.median(plain)
    print(
        f"1. Scoring ({repeats} runs, {len(labels)} hidden images): "
        f"score_submission median {statistics.median(scoring) * 1000:.0f} ms "
        f"(min {min(scoring) * 1000:.0f}), plain evaluation median "
        f"{statistics.median(plain) * 1000:.0f} ms (min {min(plain) * 1000:.0f}); "
        f"the real training job ({epochs} epochs) took {trained.seconds:.1f} s."
    )

    board_id = new_challenge(challenges, quota=SUBMISSIONS_PER_TEAM)
    rows = fill_leaderboard(challenges, board_id)
    read_leaderboard(challenges, board_id)
    reads = [read_leaderboard(challenges, board_id) for _ in range(LEADERBOARD_READS)]
    p50 = statistics.median(reads) * 1000
    p95 = statistics.quantiles(reads, n=20)[-1] * 1000
    print(
        f"2. Leaderboard ({rows} rows, {LEADERBOARD_READS} reads): p50 {p50:.2f} ms, "
        f"p95 {p95:.2f} ms."
    )
    engine.dispose()

    job_seconds = trained.seconds
    rng = random.Random(SEED)
    factors = {f"team:{n}": rng.uniform(0.5, 1.5) for n in range(1, TEAMS + 1)}
    print(
        f"3. Simulated class: {TEAMS} teams x {JOBS_PER_TEAM} jobs at once, "
        f"{WORKERS} workers, a job = {job_seconds:.1f} s (part 1's job).\n"
    )
    print("| arrivals, durations | fair queue: worst first-job wait | "
          "arrival order: worst first-job wait |")  # fmt: skip
    print("|---|---:|---:|")
    worst_fair = 0.0
    folder = home / "class"
    folder.mkdir()
    for name, orders in arrival_orders().items():
        for label, duration in (
            ("equal", lambda _team: job_seconds),
            ("mixed", lambda team: job_seconds * factors[team]),
        ):
            row, fair_jobs = class_row(
                folder, f"{name}, {label}", orders, duration, job_seconds
            )
            print(row)
            if label == "equal":
                worst_fair = max(worst_fair, fair_jobs)

    print("\n| goal | measured | target | result |")
    print("|---|---:|---:|---|")
    for row in (
        goal_row(
            "scoring one submission / one plain evaluation (medians)",
            f"{score_ratio:.2f}x",
            f"<= {MAX_SCORING_RATIO:g}x",
            score_ratio <= MAX_SCORING_RATIO,
        ),
        goal_row(
            f"leaderboard read p50, {TEAMS} teams x {SUBMISSIONS_PER_TEAM}",
            f"{p50:.2f} ms",
            f"<= {MAX_LEADERBOARD_P50_MS:g} ms",
            p50 <= MAX_LEADERBOARD_P50_MS,
        ),
        goal_row(
            "worst first-job wait, fair queue, equal jobs (in job durations)",
            f"{worst_fair:.1f}",
            f"<= {MAX_FIRST_WAIT_JOBS:g}",
            worst_fair <= MAX_FIRST_WAIT_JOBS,
        ),
    ):
        print(row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archilab-bench-") as home:
        try:
            run(Path(home), args.repeats, args.epochs)
        except Exception as exc:
            print(f"Benchmark aborted: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
