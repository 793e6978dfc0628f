"""Problems of challenges: states, templates, submissions, quotas.

``<code>`` is the title of ``/problems/<code>``, ``<code>.<variant>`` one of its
details. Entries are ``(French, English)``.
"""

from __future__ import annotations

PROBLEMS_CHALLENGES: dict[str, tuple[str, str]] = {
    "challenge-not-found": ("Défi introuvable", "Challenge not found"),
    "challenge-not-found.unknown": (
        "Aucun défi « {challenge_id} » ; la liste est sur GET /api/v1/challenges.",
        "No challenge '{challenge_id}'; the list is at GET /api/v1/challenges.",
    ),
    "challenge-state-conflict": (
        "Le défi n'est pas dans le bon état",
        "The challenge is not in the right state",
    ),
    "challenge-state-conflict.transition": (
        "Impossible de faire « {action} » : le défi est « {status} » et cette "
        "action demande « {needed} » (brouillon → ouvert → gelé → révélé).",
        "Cannot '{action}': the challenge is '{status}' and this action needs "
        "'{needed}' (draft → open → frozen → revealed).",
    ),
    "challenge-closed": ("Le défi n'est pas ouvert", "The challenge is not open"),
    "challenge-closed.submission": (
        "Le défi est « {status} » : il n'accepte plus de soumission. Les "
        "soumissions ne sont possibles que pendant qu'il est ouvert.",
        "The challenge is '{status}': it takes no more submissions. Submissions "
        "are only possible while it is open.",
    ),
    "challenge-closed.job": (
        "Le défi est « {status} » : on ne peut y lancer un entraînement que "
        "pendant qu'il est ouvert.",
        "The challenge is '{status}': training jobs can only be started in it "
        "while it is open.",
    ),
    "template-unavailable": (
        "Modèle de défi indisponible",
        "Challenge template unavailable",
    ),
    "template-unavailable.unknown": (
        "Aucun modèle de défi « {template} » ; choisissez parmi {known}.",
        "No challenge template '{template}'; choose one of {known}.",
    ),
    "template-unavailable.dataset-missing": (
        "Le modèle de défi « {template} » ne peut pas servir sur ce serveur : les "
        "fichiers de son jeu de données « {dataset} » n'y sont pas. Réglez "
        "ARCHILAB_DATA_DIR sur le dossier de données du cours.",
        "The challenge template '{template}' cannot run on this server: the files "
        "of its dataset '{dataset}' are not here. Set ARCHILAB_DATA_DIR to the "
        "course's data folder.",
    ),
    "submission-refused": ("Soumission refusée", "Submission refused"),
    "submission-refused.not-your-job": (
        "L'entraînement « {job_id} » n'est pas à votre équipe ; soumettez un "
        "entraînement lancé avec votre clé d'équipe.",
        "Training job '{job_id}' is not your team's; submit a job started with "
        "your team key.",
    ),
    "submission-refused.job-not-finished": (
        "L'entraînement « {job_id} » est « {status} » : attendez qu'il soit "
        "terminé (succeeded) avant de le soumettre.",
        "Training job '{job_id}' is '{status}': wait until it has succeeded "
        "before submitting it.",
    ),
    "submission-refused.job-failed": (
        "L'entraînement « {job_id} » est « {status} » et n'a pas produit de "
        "modèle ; corrigez-le, relancez-le, puis soumettez le nouveau.",
        "Training job '{job_id}' is '{status}' and made no model; fix it, run it "
        "again, then submit the new one.",
    ),
    "submission-refused.other-dataset": (
        "L'entraînement « {job_id} » a appris sur « {dataset} » ; ce défi se "
        "joue sur « {expected} ».",
        "Training job '{job_id}' was trained on '{dataset}'; this challenge is "
        "played on '{expected}'.",
    ),
    "submission-refused.outside-challenge": (
        "L'entraînement « {job_id} » n'a pas été lancé dans ce défi ; relancez-le "
        'avec "challenge_id": "{challenge_id}" dans sa spécification.',
        "Training job '{job_id}' was not started in this challenge; run it again "
        'with "challenge_id": "{challenge_id}" in its spec.',
    ),
    "submission-refused.already-submitted": (
        "L'entraînement « {job_id} » est déjà soumis ; soumettez un autre "
        "entraînement.",
        "Training job '{job_id}' is already submitted; submit another job.",
    ),
    "submission-refused.team-only": (
        "Seule une clé d'équipe soumet ; la ligne de référence du défi est "
        "notée d'elle-même.",
        "Only a team key submits; the challenge's baseline is scored by itself.",
    ),
    "submission-refused.external-not-allowed": (
        "Ce défi n'accepte pas de modèle entraîné hors de la plateforme ; "
        "soumettez un entraînement lancé dans le défi (l'enseignant peut "
        "l'autoriser à la création du défi).",
        "This challenge takes no model trained outside the platform; submit a "
        "job started in the challenge (the teacher can allow it when creating "
        "the challenge).",
    ),
    "submission-refused.external-file": (
        "Envoyez le fichier .keras du modèle dans le champ multipart « file ».",
        "Send the model's .keras file in multipart field 'file'.",
    ),
    "submission-refused.external-not-keras": (
        "« {filename} » n'est pas un fichier .keras (une archive zip faite par "
        'model.save("modele.keras")) ; les formats .h5 et SavedModel ne sont '
        "pas acceptés.",
        "'{filename}' is not a .keras file (a zip archive made by "
        'model.save("model.keras")); .h5 and SavedModel formats are not accepted.',
    ),
    "challenge-quota-exceeded": ("Quota du défi atteint", "Challenge quota reached"),
    "challenge-quota-exceeded.submissions": (
        "Votre équipe a utilisé ses {quota} soumissions pour ce défi ; il ne "
        "vous en reste aucune.",
        "Your team has used its {quota} submissions for this challenge; none are left.",
    ),
    "challenge-quota-exceeded.running-jobs": (
        "Votre équipe a déjà {running} entraînements en cours dans ce défi (au "
        "plus {limit}) ; attendez qu'un se termine ou annulez-en un.",
        "Your team already has {running} jobs running in this challenge (at "
        "most {limit}); wait for one to end or cancel one.",
    ),
    "challenge-split-mismatch": (
        "Les parties du défi ont changé",
        "The challenge's splits have changed",
    ),
    "challenge-split-mismatch.changed": (
        "La partie « {split} » tirée à nouveau ne correspond plus au manifeste "
        "fixé à la création (le jeu de données a changé sur ce serveur).",
        "The '{split}' split drawn again no longer matches the manifest fixed "
        "at creation (the dataset changed on this server).",
    ),
    "challenge-data-unavailable": (
        "Données du défi indisponibles",
        "Challenge data unavailable",
    ),
    "challenge-data-unavailable.no-store": (
        "Cette version a été entraînée dans le défi « {challenge_id} », mais ce "
        "service n'a pas accès à la base des tâches (CNN_DATABASE_URL) : il ne "
        "peut pas retrouver sa partie de validation, et ne montre rien d'autre.",
        "This version was trained in challenge '{challenge_id}', but this service "
        "has no access to the job store (CNN_DATABASE_URL): it cannot find its "
        "validation split, and shows nothing else.",
    ),
    "hidden-example-upload": (
        "Le fichier contient des images cachées d'un défi",
        "The upload holds hidden images of a challenge",
    ),
    "hidden-example-upload.zip": (
        "{count} image(s) de ce fichier sont identiques à des images de la partie "
        "cachée d'un défi en cours sur « {dataset} » : tant que le défi n'est pas "
        "révélé, elles ne peuvent pas servir à l'entraînement. Retirez les images "
        "tirées de ce jeu de données, ou attendez la révélation.",
        "{count} image(s) of this file are identical to images of the hidden split "
        "of a challenge running on '{dataset}': until the challenge is revealed "
        "they cannot be used for training. Remove the images taken from that "
        "dataset, or wait for the reveal.",
    ),
    "unauthorized.challenge": (
        "Les défis, et les entraînements et modèles faits dans un défi, "
        "demandent une clé d'API : envoyez « Authorization: Bearer <clé> ».",
        "Challenges, and the jobs and models made in a challenge, need an API "
        "key: send 'Authorization: Bearer <key>'.",
    ),
    "forbidden.challenge-draft": (
        "Ce défi n'est pas encore ouvert aux équipes.",
        "This challenge is not open to teams yet.",
    ),
}


# Why a submission could not be scored, told to each reader in their language
# (``submission.error.<code>``; the scorer stores the code and its values).
SUBMISSION_ERRORS: dict[str, tuple[str, str]] = {
    "external-unloadable": (
        "Le fichier ne s'ouvre pas en mode sûr de Keras : {reason}. Retirez les "
        "couches Lambda et le code personnalisé, ou entraînez le modèle dans le "
        "défi.",
        "The file does not open in Keras' safe mode: {reason}. Remove Lambda "
        "layers and custom code, or train the model in the challenge.",
    ),
    "external-shape": (
        "Le modèle attend des entrées {found} et en rend {outputs} ; ce défi "
        "donne des images {expected} et attend {classes} classes en sortie.",
        "The model takes inputs {found} and gives {outputs}; this challenge "
        "gives images {expected} and expects {classes} classes out.",
    ),
}
