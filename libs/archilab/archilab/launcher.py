"""``archilab up``: the whole lab on one machine, without Docker.

Order: Redis, the job store's schema (migrated here, once, so the worker and
the gateway never race to do it), the admin key (made and printed once, at
first start), the training and scoring workers, then together the default
models (at first start, ordinary training jobs queued by ``python -m
lab_trainer.first_start``) and the cnn, nlp and gateway services: the services
start while the models train and put each one in service when it is promoted,
as they do for any promotion. The lab is ready once the models are trained and
every service answers. Ctrl-C or SIGTERM stops every child, last started first.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Sequence

from archilab.keys import ensure_admin_key
from archilab.processes import (
    Child,
    StartupFailed,
    StartupInterrupted,
    free_port,
    http_answers,
    http_ok,
    log_mentions,
    spawn,
    stop_all,
    wait_for_exit,
    wait_until,
)
from archilab.redis_server import check_external_redis, start_private_redis
from archilab.settings import LauncherSettings
from lab_common.registry import (
    SERVED_SENTIMENT_MODEL_EN,
    SERVED_SENTIMENT_MODEL_FR,
    SERVED_VISION_MODEL,
    ModelRegistry,
)
from lab_common.store import upgrade_database

MONITOR_INTERVAL_SECONDS = 0.5
# Trained by a first-start job (`python -m lab_trainer.first_start`) when it has
# no production version; the sentiment models only when their data is present.
DEFAULT_VISION_MODEL = SERVED_VISION_MODEL
DEFAULT_SENTIMENT_MODELS = (SERVED_SENTIMENT_MODEL_EN, SERVED_SENTIMENT_MODEL_FR)
# Services log through uvicorn; keep TensorFlow's C++ banner out of the logs.
QUIET_TENSORFLOW = {"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"}
# Celery prints this once its worker consumes the queue.
WORKER_READY_TEXT = "ready."
# The first-start child's own timeout fires first; this covers its start and exit.
FIRST_START_GRACE_SECONDS = 60.0


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def python_module(module: str, *args: str) -> list[str]:
    """argv running ``module`` with the launcher's own interpreter (the venv's)."""
    return [sys.executable, "-m", module, *args]


def uvicorn(factory: str, port: int, host: str = "127.0.0.1") -> list[str]:
    return python_module(
        "uvicorn", factory, "--factory", "--host", host, "--port", str(port),
        "--no-access-log",
    )  # fmt: skip


class Lab:
    """The running children and the event that asks them to stop."""

    def __init__(self, settings: LauncherSettings) -> None:
        self.settings = settings
        self.children: list[Child] = []
        self.stop = threading.Event()
        self.redis_url = ""  # known once Redis runs

    def _cnn_env(self) -> dict[str, str]:
        return {
            **QUIET_TENSORFLOW,
            "CNN_MODELS_DIR": str(self.settings.models_dir.resolve()),
            "CNN_CACHE_DIR": str((self.settings.home / "cache").resolve()),
            "CNN_LOG_FORMAT": self.settings.log_format,
            "CNN_REDIS_URL": self.redis_url,
            "CNN_DATASETS_DIR": str(self.settings.datasets_dir.resolve()),
            # Challenges: the images the explorer and reports must not show.
            "CNN_DATABASE_URL": self.settings.resolved_database_url(),
            **self._data_dir_env("CNN_DATA_DIR"),
        }

    def _nlp_env(self) -> dict[str, str]:
        env = {
            **QUIET_TENSORFLOW,
            "NLP_MODELS_DIR": str(self.settings.models_dir.resolve()),
            "NLP_LOG_FORMAT": self.settings.log_format,
            "NLP_REDIS_URL": self.redis_url,
            # Challenges: the hidden texts evaluations must not sample.
            "NLP_DATABASE_URL": self.settings.resolved_database_url(),
        }
        if self.settings.data_dir is not None:
            env["NLP_DATA_DIR"] = str(self.settings.data_dir.resolve())
        if self.settings.dataset_mirror_url:
            env["NLP_DATASET_MIRROR_URL"] = self.settings.dataset_mirror_url
        return env

    def _data_dir_env(self, variable: str) -> dict[str, str]:
        if self.settings.data_dir is None:
            return {}
        return {variable: str(self.settings.data_dir.resolve())}

    def _trainer_env(self) -> dict[str, str]:
        env = {
            **QUIET_TENSORFLOW,
            "TRAINER_REDIS_URL": self.redis_url,
            "TRAINER_DATABASE_URL": self.settings.resolved_database_url(),
            "TRAINER_MODELS_DIR": str(self.settings.models_dir.resolve()),
            "TRAINER_DATASETS_DIR": str(self.settings.datasets_dir.resolve()),
            "TRAINER_CONCURRENCY": str(self.settings.worker_concurrency),
            "TRAINER_LOG_FORMAT": self.settings.log_format,
        }
        if self.settings.data_dir is not None:
            env["TRAINER_DATA_DIR"] = str(self.settings.data_dir.resolve())
        return env

    def _gateway_env(self, cnn_port: int, nlp_port: int) -> dict[str, str]:
        env = {
            "GATEWAY_CNN_URL": f"http://127.0.0.1:{cnn_port}",
            "GATEWAY_NLP_URL": f"http://127.0.0.1:{nlp_port}",
            "GATEWAY_REDIS_URL": self.redis_url,
            "GATEWAY_DATABASE_URL": self.settings.resolved_database_url(),
            "GATEWAY_MODELS_DIR": str(self.settings.models_dir.resolve()),
            "GATEWAY_DATASETS_DIR": str(self.settings.datasets_dir.resolve()),
            "GATEWAY_FRONTEND_DIR": str(self.settings.frontend_dir),
            "GATEWAY_LOG_FORMAT": self.settings.log_format,
        }
        if self.settings.data_dir is not None:
            env["GATEWAY_DATA_DIR"] = str(self.settings.data_dir.resolve())
        return env

    def upgrade_job_store(self) -> None:
        """Bring the job store to the newest schema before any process opens it."""
        revision = upgrade_database(self.settings.resolved_database_url())
        say(f"Base des tâches / job store : schéma / schema {revision}")

    def ensure_admin_key(self) -> None:
        """At first start only: make the admin key and print it, once."""
        key = ensure_admin_key(self.settings)
        if key is None:
            return
        path = self.settings.admin_key_path.resolve()
        say("")
        say("Clé administrateur / admin key (affichée une seule fois / shown once):")
        say(f"  {key}")
        say(
            f"  enregistrée dans / saved in {path} (lisible par vous seul / owner only)"
        )
        say("")

    def spawn_worker(self, name: str, *args: str) -> Child:
        """A Celery worker of ``lab_trainer`` (``args``: ``scoring`` for the scorer).

        It imports TensorFlow only in its job children. One node name per lab, so
        two labs on one host never collide.
        """
        hostname = f"{name}-{self.settings.port}@%h"
        child = spawn(
            name,
            python_module("lab_trainer", *args, "--hostname", hostname),
            env=self._trainer_env(),
            logs_dir=self.settings.logs_dir,
        )
        self.children.append(child)
        return child

    def wait_for_worker(self, child: Child, description: str) -> None:
        wait_until(
            child,
            log_mentions(child, WORKER_READY_TEXT),
            timeout_seconds=self.settings.startup_timeout_seconds,
            stop=self.stop,
        )
        say(f"{child.name} : prêt / ready ({description})")

    def start_redis(self) -> str:
        if self.settings.redis_url:
            check_external_redis(self.settings.redis_url)
            say(f"Redis : {self.settings.redis_url} (REDIS_URL)")
            return self.settings.redis_url
        child, url = start_private_redis(
            self.settings.home,
            self.settings.logs_dir,
            timeout_seconds=self.settings.startup_timeout_seconds,
            stop=self.stop,
        )
        self.children.append(child)
        say(f"Redis : serveur privé / private server {url}")
        return url

    def missing_default_models(self) -> bool:
        """Whether a default model has no production version, saying which."""
        # Reading the registry needs no TensorFlow: skip the child if possible.
        registry = ModelRegistry(self.settings.models_dir)
        version = registry.production_version(DEFAULT_VISION_MODEL)
        if version is None:
            say("Premier démarrage : entraînement du modèle de vision (une minute)")
            say("First start: training the default vision model (about a minute)…")
        else:
            say(f"Modèle / model {DEFAULT_VISION_MODEL} v{version} : en service / live")
        sentiment_missing = any(
            registry.production_version(n) is None for n in DEFAULT_SENTIMENT_MODELS
        )
        if sentiment_missing:
            say("Premier démarrage : entraînement des modèles de sentiment (LSTM)")
            say("First start: training the sentiment LSTMs (a few minutes)…")
        return version is None or sentiment_missing

    def _first_start_env(self) -> dict[str, str]:
        env = {**self._trainer_env(), "TRAINER_LOG_LEVEL": "WARNING"}
        if self.settings.dataset_mirror_url:
            env["TRAINER_DATASET_MIRROR_URL"] = self.settings.dataset_mirror_url
        return env

    def start_first_start(self) -> Child:
        """Queue the default jobs (the child waits for them and says how they go)."""
        timeout = self.settings.bootstrap_timeout_seconds
        return spawn(
            "first-start",
            python_module(
                "lab_trainer.first_start", "--timeout-seconds", f"{timeout:g}"
            ),
            env=self._first_start_env(),
            logs_dir=self.settings.logs_dir,
        )

    def wait_for_first_start(self, child: Child) -> None:
        """Relay the jobs' progress until they end; fail if one did not succeed."""
        # Its own deadline comes first and says which job was still running.
        code = wait_for_exit(
            child,
            timeout_seconds=self.settings.bootstrap_timeout_seconds
            + FIRST_START_GRACE_SECONDS,
            stop=self.stop,
            on_output=lambda line: say(f"  {line}"),
        )
        if code != 0:
            raise StartupFailed(
                f"Training the default models failed (exit {code}). "
                f"Last lines of {child.log_path}:\n{child.log_tail()}"
            )

    def spawn_service(
        self, name: str, argv: Sequence[str], env: dict[str, str]
    ) -> None:
        self.children.append(
            spawn(name, argv, env=env, logs_dir=self.settings.logs_dir)
        )

    def wait_for_service(
        self, name: str, health_url: str, *, must_be_healthy: bool = True
    ) -> None:
        """Wait until ``name`` is healthy (or, if not required, answers)."""
        child = next(child for child in self.children if child.name == name)
        wait_until(
            child,
            http_ok(health_url) if must_be_healthy else http_answers(health_url),
            timeout_seconds=self.settings.startup_timeout_seconds,
            stop=self.stop,
        )
        say(f"{name} : prêt / ready ({health_url})")

    def sentiment_models_live(self) -> bool:
        registry = ModelRegistry(self.settings.models_dir)
        return all(
            registry.production_version(name) is not None
            for name in DEFAULT_SENTIMENT_MODELS
        )

    def start(self) -> None:
        self.settings.logs_dir.mkdir(parents=True, exist_ok=True)
        self.redis_url = self.start_redis()
        data_dir = self.settings.data_dir
        say(
            f"Données / data: {data_dir.resolve()}"
            if data_dir is not None
            else "Données / data: aucune / none (ARCHILAB_DATA_DIR)"
        )
        self.upgrade_job_store()
        self.ensure_admin_key()
        trainer = self.spawn_worker("trainer")
        scorer = self.spawn_worker("scorer", "scoring")
        concurrency = self.settings.worker_concurrency
        self.wait_for_worker(trainer, f"{concurrency} job(s) at once")
        self.wait_for_worker(scorer, "défis / challenges")
        first_start = (
            self.start_first_start() if self.missing_default_models() else None
        )
        # The services import their libraries while the models train; each puts
        # a default model in service when its job promotes it.
        cnn_port, nlp_port, port = free_port(), free_port(), self.settings.port
        self.spawn_service(
            "cnn", uvicorn("lab_cnn.main:create_app", cnn_port), self._cnn_env()
        )
        self.spawn_service(
            "nlp", uvicorn("lab_nlp.main:create_app", nlp_port), self._nlp_env()
        )
        self.spawn_service(
            "gateway",
            uvicorn("lab_gateway.main:create_app", port, self.settings.host),
            self._gateway_env(cnn_port, nlp_port),
        )
        if first_start is not None:
            self.wait_for_first_start(first_start)
        self.wait_for_service("cnn", f"http://127.0.0.1:{cnn_port}/healthz")
        # Without its data a sentiment model is missing: the service still runs
        # and its health says why, so then only wait for it to answer.
        self.wait_for_service(
            "nlp",
            f"http://127.0.0.1:{nlp_port}/healthz",
            must_be_healthy=self.sentiment_models_live(),
        )
        self.wait_for_service("gateway", f"http://127.0.0.1:{port}/healthz")

    def watch(self) -> int:
        """Wait for a stop request; a child that dies on its own stops the lab."""
        while not self.stop.wait(MONITOR_INTERVAL_SECONDS):
            for child in self.children:
                if not child.is_running():
                    code = child.process.returncode
                    say(f"{child.name} s'est arrêté / exited (code {code}); ")
                    say(f"  voir / see {child.log_path}")
                    return 1
        return 0

    def shutdown(self) -> None:
        say("Arrêt / stopping…")
        stop_all(self.children)


def run_lab(settings: LauncherSettings) -> int:
    lab = Lab(settings)

    def request_stop(signum: int, frame: object) -> None:
        lab.stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        lab.start()
        url = f"http://{display_host(settings.host)}:{settings.port}"
        say(f"\nArchiLab est prêt / is ready: {url}")
        say(f"API : {url}/api/docs — journaux / logs: {settings.logs_dir.resolve()}")
        say("Ctrl-C pour arrêter / to stop.")
        return lab.watch()
    except StartupInterrupted:
        return 0
    except StartupFailed as exc:
        say(f"Échec du démarrage / startup failed: {exc}")
        return 1
    finally:
        lab.shutdown()


def display_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host
