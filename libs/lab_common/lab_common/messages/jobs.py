"""What a training job tells its user: log lines (``job.log.<code>``), why it
ended without a model (``job.error.<code>``), and the words that go inside
sentences (``term.<word>``, used as ``{name!t}``).

Entries are ``(French, English)``.
"""

from __future__ import annotations

JOB_LOG: dict[str, tuple[str, str]] = {
    "dataset_images": (
        "Données {dataset} : {train} images d'entraînement et {test} de test, "
        "{classes} classes.",
        "Dataset {dataset}: {train} training and {test} test images, {classes} "
        "classes.",
    ),
    "dataset_texts": (
        "Données {dataset} : {train} textes d'entraînement, {validation} de "
        "validation et {test} de test, {classes} classes.",
        "Dataset {dataset}: {train} training, {validation} validation and {test} "
        "test texts, {classes} classes.",
    ),
    "embedding_vectors": (
        "Vecteurs de mots : {embedding!t}, figés pendant l'entraînement ; "
        "{coverage} % des mots des textes d'entraînement en ont un.",
        "Word vectors: {embedding!t}, frozen during training; {coverage}% of "
        "the words in the training texts have one.",
    ),
    "embedding_random": (
        "Vecteurs de mots aléatoires : le plongement part de valeurs au hasard "
        "et s'apprend sur les textes d'entraînement.",
        "Random word vectors: the embedding starts from random values and is "
        "learned from the training texts.",
    ),
    "embedding_from_texts": (
        "Vecteurs de mots non précisés : les textes sont en {language!t}, "
        "d'où {embedding!t}.",
        "No word vectors named: the texts are in {language!t}, so {embedding!t}.",
    ),
    "embedding_language_unknown": (
        "Vecteurs de mots non précisés et langue des textes indéterminée : "
        "{embedding!t} par défaut ; précisez embedding pour en changer.",
        "No word vectors named and the texts' language is unclear: "
        "{embedding!t} by default; set embedding to change them.",
    ),
    "embedding_language_mismatch": (
        "Attention : des vecteurs {vectors_language!t} pour des textes en "
        "{language!t} ; seuls {coverage} % des mots ont un vecteur, attendez-vous "
        "à une précision plus faible qu'avec {suggested!t}.",
        "Warning: {vectors_language!t} vectors for texts in {language!t}; only "
        "{coverage}% of the words have one, so expect a lower accuracy than with "
        "{suggested!t}.",
    ),
    "registered": (
        "Modèle {name} enregistré en version {version}.",
        "Registered {name} version {version}.",
    ),
    "promoted": (
        "{name} version {version} mis en production.",
        "Promoted {name} version {version} to production.",
    ),
    "reused_version": (
        "{name} version {version} retrouvé (enregistré par une tentative précédente).",
        "Found {name} version {version} from an earlier attempt.",
    ),
    "cancel_requested": ("Annulation demandée.", "Cancel requested."),
}

JOB_ERRORS: dict[str, tuple[str, str]] = {
    "cancelled-before-start": (
        "Annulé avant d'avoir commencé.",
        "Cancelled before it started.",
    ),
    "cancelled": (
        "Annulé à la demande après {epochs} époque(s) terminée(s) ; aucune "
        "version du modèle n'a été enregistrée.",
        "Cancelled by request after {epochs} finished epoch(s); no model version "
        "was registered.",
    ),
    "cancelled-by-force": (
        "Annulé de force : le processus d'entraînement ne s'est pas arrêté dans "
        "les {grace_seconds} s suivant la demande, il a été tué.",
        "Cancelled by force: the worker did not stop within {grace_seconds} s of "
        "the cancel request, so its process was killed.",
    ),
    "queue-unavailable": (
        "La file d'entraînement (Redis) était injoignable ({reason}) : "
        "l'entraînement n'a jamais été mis en file. Relancez-le quand Redis sera "
        "revenu.",
        "The training queue (Redis) could not be reached ({reason}); the job was "
        "never queued. Submit it again once Redis is back.",
    ),
    "worker-lost": (
        "Le processus d'entraînement ne répond plus (aucun signe de vie depuis "
        "{seconds} s) : il a été tué ou sa machine s'est arrêtée. Aucune version "
        "n'a été enregistrée ; relancez l'entraînement.",
        "The worker stopped responding (no heartbeat for {seconds} s): it was "
        "killed or its host went down. No model version was registered; start "
        "the job again.",
    ),
    "too-many-attempts": (
        "Le processus d'entraînement est mort pendant chacune de ses {attempts} "
        "tentatives (mémoire insuffisante ?) : essayez des lots plus petits, un "
        "modèle ou un jeu de données plus petit.",
        "The job's worker died during each of its {attempts} attempts (out of "
        "memory?): try a smaller batch size, model or dataset.",
    ),
    "loss-diverged": (
        "La perte est devenue {value!t} à l'époque {epoch}, lot {batch} : baissez "
        "le taux d'apprentissage, ou cherchez dans les données des valeurs "
        "manquantes ou énormes.",
        "The loss became {value!t} at epoch {epoch}, batch {batch}: lower the "
        "learning rate, or check the data for missing or huge values.",
    ),
    "loss-diverged-in-validation": (
        "La perte est devenue {value!t} à l'époque {epoch} (validation) : baissez "
        "le taux d'apprentissage, ou cherchez dans les données des valeurs "
        "manquantes ou énormes.",
        "The loss became {value!t} at epoch {epoch} (validation): lower the "
        "learning rate, or check the data for missing or huge values.",
    ),
    "time-limit": (
        "L'entraînement a dépassé {seconds} s, la durée maximale du serveur, et a "
        "été arrêté : entraînez moins d'époques ou un modèle plus petit.",
        "The job took longer than {seconds} s, the trainer's time limit, and was "
        "stopped: train fewer epochs or a smaller model.",
    ),
    "out-of-memory": (
        "La mémoire a manqué : baissez la taille des lots ou prenez un modèle plus "
        "petit.",
        "The job ran out of memory: lower the batch size or use a smaller model.",
    ),
    # ``detail`` is the problem's own sentence, rendered from its key and params.
    "data-unusable": ("Données inutilisables : {detail}", "Data unusable: {detail}"),
    "training-error": (
        "Erreur pendant l'entraînement : {error}",
        "Training failed: {error}",
    ),
}

TERMS: dict[str, tuple[str, str]] = {
    "infinite": ("infinie", "infinite"),
    "image": ("image", "image"),
    "request": ("requête", "request"),
    "images": ("images", "images"),
    "texts": ("textes", "texts"),
    "fr": ("français", "French"),
    "fr-fasttext-300": ("fastText français 300 d", "French fastText 300 d"),
    "en-glove-50": ("GloVe anglais 50 d", "English GloVe 50 d"),
    "en": ("anglais", "English"),
    "image-classification": ("classification d'images", "image-classification"),
    "text-classification": ("classification de textes", "text-classification"),
    "queued": ("en attente", "queued"),
    "running": ("en cours", "running"),
}
