"""User journeys on the jobs and models pages, in a real Chromium against the real
lab: launch a two-epoch training run from the page, watch it run and its curves
fill in, then promote the version it produced; a run that diverges, its reason told
in French; and a launch without a key, refused."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LabStack
from tests.e2e.conftest import save_for_readers

pytestmark = pytest.mark.e2e

# Not "digits": the recognition journeys rely on that model's production version.
MODEL_NAME = "e2e-digits"
# Queueing, a cold TensorFlow start in the worker and two epochs on a busy CI machine.
TRAINING_TIMEOUT_MS = 120_000


def admin_key(lab_stack: LabStack) -> str:
    """The key printed at first start (``LabStack.admin_key``, or its file)."""
    key = getattr(lab_stack, "admin_key", None)
    if key:
        return str(key)
    return (lab_stack.home / "admin.key").read_text(encoding="utf-8").strip()


def test_a_two_epoch_run_is_watched_then_its_version_promoted(
    page: Page, lab_stack: LabStack
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Entraînements").click()
    page.get_by_label("Clé d'API").fill(admin_key(lab_stack))
    page.get_by_label("Tâche").select_option("image-classification")
    page.get_by_label("Jeu de données").select_option("mnist-5k")
    page.get_by_label("Architecture").select_option("tiny-cnn")
    page.get_by_label("Nom du modèle").fill(MODEL_NAME)
    page.get_by_label("Époques").fill("2")

    page.get_by_role("button", name="Lancer l'entraînement").click()

    status = page.get_by_role("status")
    log = page.get_by_role("list", name="Journal")
    expect(log).to_contain_text("En cours", timeout=TRAINING_TIMEOUT_MS)
    # The worker logs in English with a code; the page tells it in French.
    expect(log).to_contain_text("images d'entraînement", timeout=TRAINING_TIMEOUT_MS)
    expect(status).to_contain_text("Terminé", timeout=TRAINING_TIMEOUT_MS)
    expect(
        page.get_by_role("img", name=re.compile(r"Courbe de perte\W+2 époques"))
    ).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile(r"Courbe d'exactitude\W+2 époques"))
    ).to_be_visible()
    page.get_by_text("Voir les valeurs de chaque époque").click()
    epochs = page.get_by_role("table", name="Mesures à la fin de chaque époque")
    expect(epochs.get_by_role("row")).to_have_count(1 + 2)  # header + one per epoch
    expect(status).to_contain_text("jeu de test")
    # Two epochs: the diagnosis says which rules need more of them.
    diagnosis = page.get_by_role("region", name="Diagnostic")
    expect(diagnosis).to_contain_text(re.compile(r"Non vérifié \(\d+\)"))
    save_for_readers(page, "jobs")

    link = page.get_by_role("link", name=re.compile(rf"Voir {MODEL_NAME} v\d+"))
    produced = re.search(r"v(\d+)", link.inner_text())
    assert produced, link.inner_text()
    version = produced.group(1)
    link.click()

    expect(page).to_have_url(re.compile(r"/models\.html\?"))
    versions = page.get_by_role("table", name=re.compile("Les versions"))
    ours = versions.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=f"v{version}", exact=True)
    )
    badges = versions.get_by_text("En production", exact=True)
    expect(ours).to_have_count(1)
    expect(ours.get_by_text("En production", exact=True)).to_have_count(0)
    page.get_by_label("Raison de la mise en production").fill("test de bout en bout")

    ours.get_by_role("button", name=f"Mettre v{version} en production").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()

    expect(page.get_by_role("status")).to_contain_text("maintenant en production")
    expect(page.get_by_role("status")).to_contain_text("quelques secondes")
    expect(ours.get_by_text("En production", exact=True)).to_be_visible()
    expect(badges).to_have_count(1)
    expect(ours.get_by_role("button")).to_have_count(0)
    history = page.get_by_role("table", name=re.compile("Les mises en production"))
    expect(history).to_contain_text("test de bout en bout")
    save_for_readers(page, "models")


def test_a_run_whose_loss_diverges_says_why_in_french(
    page: Page, lab_stack: LabStack
) -> None:
    # The fault tests' diverging recipe: plain SGD at the highest rate allowed,
    # one review per step; the loss overflows within the first epoch.
    page.goto("/jobs.html")
    page.get_by_label("Clé d'API").fill(admin_key(lab_stack))
    page.get_by_label("Tâche").select_option("text-classification")
    page.get_by_label("Jeu de données").select_option("allocine")
    page.get_by_label("Architecture").select_option("embedding-bag")
    page.get_by_label("Nom du modèle").fill("e2e-diverges")
    page.get_by_label("Époques").fill("3")
    page.get_by_label("Taille de lot").fill("1")
    page.get_by_label("Taux d'apprentissage").fill("10")
    page.get_by_label("Optimiseur").select_option("sgd")
    page.get_by_label("Dropout").fill("0")

    page.get_by_role("button", name="Lancer l'entraînement").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("Échec", timeout=TRAINING_TIMEOUT_MS)
    # The worker wrote an English sentence and a code; the page tells it in French.
    reason = re.compile(
        r"L'entraînement a échoué\W+La perte est devenue (NaN|infinie) "
        r"à l'époque 1, lot \d+\W+baissez le taux d'apprentissage"
    )
    expect(status).to_contain_text(reason)
    expect(page.get_by_role("list", name="Journal")).to_contain_text(
        re.compile(r"Échec\W+La perte est devenue (NaN|infinie) à l'époque 1")
    )
    diagnosis = page.get_by_role("region", name="Diagnostic")
    expect(diagnosis).to_contain_text("Divergence")
    expect(diagnosis).to_contain_text("Divisez le taux d'apprentissage par 10.")
    page.get_by_role("button", name="English").click()
    expect(status).to_contain_text(
        re.compile(r"The loss became (NaN|infinite) at epoch 1, batch \d+")
    )
    expect(page.get_by_role("region", name="Diagnosis")).to_contain_text(
        "Divide the learning rate by 10."
    )


def test_a_launch_without_a_key_is_refused_with_a_401(page: Page) -> None:
    page.goto("/jobs.html")
    expect(page.get_by_label("Clé d'API")).to_have_value("")
    page.get_by_label("Jeu de données").select_option("mnist-5k")
    page.get_by_label("Nom du modèle").fill("e2e-refused")

    page.get_by_role("button", name="Lancer l'entraînement").click()

    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("Clé d'API manquante ou invalide")
    expect(problem).to_contain_text("401")
    expect(page.get_by_label("Clé d'API")).to_be_focused()
    expect(page.get_by_role("status")).not_to_contain_text("En attente")


SERVED_MODEL_NAMES = {"digits", "sentiment-en", "sentiment-fr"}


def create_team_key(lab_stack: LabStack, team: str) -> str:
    """A team key made with the real CLI, against the lab's own database."""
    result = subprocess.run(
        [sys.executable, "-m", "archilab", "keys", "create", "--role", "team",
         "--team", team, "--home", str(lab_stack.home)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("task", "dataset", "architecture"),
    [
        ("image-classification", "mnist-5k", "digits-cnn"),
        ("text-classification", "sst2", "bilstm"),
        ("text-classification", "allocine", "bilstm"),
    ],
)
def test_the_form_never_prefills_a_served_model_name(
    page: Page, lab_stack: LabStack, task: str, dataset: str, architecture: str
) -> None:
    page.goto("/jobs.html")
    page.get_by_label("Clé d'API").fill(admin_key(lab_stack))
    page.get_by_label("Tâche").select_option(task)
    page.get_by_label("Jeu de données").select_option(dataset)
    page.get_by_label("Architecture").select_option(architecture)

    name = page.get_by_label("Nom du modèle")

    expect(name).to_have_value(f"{dataset}-{architecture}")
    assert name.input_value() not in SERVED_MODEL_NAMES


def test_a_team_key_prefills_the_teams_own_model_name(
    page: Page, lab_stack: LabStack
) -> None:
    page.goto("/jobs.html")
    key = page.get_by_label("Clé d'API")
    key.fill(create_team_key(lab_stack, "renard"))
    key.dispatch_event("change")
    page.get_by_label("Tâche").select_option("image-classification")
    page.get_by_label("Jeu de données").select_option("mnist-5k")
    page.get_by_label("Architecture").select_option("tiny-cnn")

    expect(page.get_by_label("Nom du modèle")).to_have_value("renard-mnist-5k-tiny-cnn")
    expect(
        page.get_by_text(re.compile(r"Par défaut\W+renard-mnist-5k-tiny-cnn"))
    ).to_be_visible()
