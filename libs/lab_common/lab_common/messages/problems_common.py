"""Problems shared by every service: requests, models, upstreams, keys, jobs.

``<code>`` is the title of ``/problems/<code>`` (or of a plain HTTP status),
``<code>.<variant>`` one of its details. Entries are ``(French, English)``.
"""

from __future__ import annotations

PROBLEMS_COMMON: dict[str, tuple[str, str]] = {
    # --- requests -----------------------------------------------------------
    "validation": ("Requête invalide", "Invalid request"),
    "validation.fields": ("{errors}", "{errors}"),
    "validation.unrelayable-path": (
        "Le chemin de la requête ne peut pas être transmis ; retirez les "
        "caractères de contrôle.",
        "The request's path cannot be passed on; remove control characters.",
    ),
    "validation.content-length": (
        "L'en-tête Content-Length n'est pas un nombre.",
        "The Content-Length header is not a number.",
    ),
    "invalid-json": (
        "Requête illisible (JSON invalide)",
        "Request body is not valid JSON",
    ),
    "invalid-json.syntax": (
        "Le corps n'est pas du JSON valide (ligne {line}, colonne {column}).",
        "The body is not valid JSON (line {line}, column {column}).",
    ),
    "invalid-json.encoding": (
        "Le corps n'est pas du texte UTF-8 ; envoyez du JSON encodé en UTF-8.",
        "The body is not UTF-8 text; send JSON encoded as UTF-8.",
    ),
    "invalid-json.syntax-at": (
        "Le corps n'est pas du JSON valide (caractère {position}).",
        "The body is not valid JSON (character {position}).",
    ),
    "invalid-json.too-deep": (
        "Le JSON du corps est imbriqué trop profondément ; aucune requête de "
        "cette API n'a besoin de plus de quelques niveaux.",
        "The body's JSON is nested too deeply; no request of this API needs more "
        "than a few levels.",
    ),
    "invalid-json.unreadable": (
        "Le corps n'a pas pu être lu comme du JSON.",
        "The body could not be read as JSON.",
    ),
    "payload-too-large": ("Envoi trop volumineux", "Request body is too large"),
    "payload-too-large.declared": (
        "Le corps de la requête fait {size} octets ; la limite est de "
        "{max_bytes!b}. Envoyez une {what!t} plus petite.",
        "The request body is {size} bytes; the limit is {max_bytes!b}. "
        "Send a smaller {what!t}.",
    ),
    "payload-too-large.streamed": (
        "Le corps de la requête dépasse la limite de {max_bytes!b}. Envoyez une "
        "{what!t} plus petite.",
        "The request body exceeds the limit of {max_bytes!b}. Send a smaller {what!t}.",
    ),
    "payload-too-large.upload-file": (
        "« {filename} » fait {size!b} ; la limite est de {limit!b}.",
        "'{filename}' is {size!b}; the limit is {limit!b}.",
    ),
    "payload-too-large.upload-declared": (
        "L'envoi fait {size!b} ; la limite est de {limit!b}.",
        "The upload is {size!b}; the limit is {limit!b}.",
    ),
    "payload-too-large.model-streamed": (
        "Le fichier .keras dépasse la limite de {limit!b} ; soumettez un modèle "
        "plus petit.",
        "The .keras file exceeds the limit of {limit!b}; submit a smaller model.",
    ),
    "payload-too-large.upload-streamed": (
        "L'envoi dépasse la limite de {limit!b} ; envoyez un jeu de données plus "
        "petit.",
        "The upload exceeds the limit of {limit!b}; send a smaller dataset.",
    ),
    "unsupported-media-type": (
        "Type de contenu non pris en charge",
        "Unsupported request content type",
    ),
    # --- models -------------------------------------------------------------
    "model-unavailable": ("Aucun modèle disponible", "No model is available"),
    "model-unavailable.no-production": (
        "Le modèle « {name} » n'a pas encore de version en production ; lancez le "
        "laboratoire avec `archilab up` (il entraîne le modèle par défaut) ou "
        "promouvez une version.",
        "Model '{name}' has no production version yet; start the lab with "
        "`archilab up` (it trains the default model) or promote a version.",
    ),
    "model-unavailable.unreadable": (
        "La version {version} de « {name} » ne peut pas être lue (fichier absent ou "
        "endommagé) ; entraînez-la de nouveau ou demandez à votre enseignant de "
        "vérifier le serveur.",
        "Version {version} of '{name}' cannot be read (its file is missing or "
        "damaged); train it again or ask your teacher to check the server.",
    ),
    "model-unavailable.not-loaded": (
        "Aucun modèle n'est chargé ({reason}).",
        "No model is loaded ({reason}).",
    ),
    "model-not-found": ("Modèle ou version introuvable", "Model not found"),
    "model-not-found.invalid-name": (
        "« {name} » n'est pas un nom de modèle valide.",
        "'{name}' is not a valid model name.",
    ),
    "model-not-found.invalid-version": (
        "« {version} » n'est pas une version de modèle valide.",
        "'{version}' is not a valid model version.",
    ),
    "model-not-found.no-version": (
        "Le modèle « {name} » n'a pas de version « {version} ».",
        "Model '{name}' has no version '{version}'.",
    ),
    "model-not-found.unknown": (
        "Il n'y a pas de modèle « {name} » ; GET /api/v1/models les liste.",
        "There is no model '{name}'; GET /api/v1/models lists them.",
    ),
    "model-not-found.not-an-image-model": (
        "« {name} » n'est pas un modèle d'images ; l'explorateur ne montre que "
        "les modèles d'images.",
        "'{name}' is not an image model; the explorer shows image models only.",
    ),
    "model-not-found.no-production": (
        "Le modèle « {name} » n'a pas de version en production.",
        "Model '{name}' has no production version.",
    ),
    "model-not-found.no-baseline-version": (
        "Le modèle de référence de ce défi n'a pas encore de version : son "
        "entraînement n'est pas terminé.",
        "This challenge's baseline has no model version yet: its training has "
        "not finished.",
    ),
    "confused-examples-unavailable": (
        "Pas d'exemples confondus à montrer",
        "No confused examples to show",
    ),
    "confused-examples-unavailable.text-model": (
        "« {name} » est un modèle de textes ; les images confondues ne se "
        "montrent que pour les modèles d'images.",
        "'{name}' is a text model; confused images are shown for image models only.",
    ),
    "confused-examples-unavailable.no-such-class": (
        "Il n'y a pas de classe {index} ; les classes vont de 0 à {last}.",
        "There is no class {index}; classes go from 0 to {last}.",
    ),
    "confused-examples-unavailable.diagonal": (
        "Cette case est celle des exemples bien classés ; choisissez une case "
        "hors de la diagonale (classe vraie différente de la classe prédite).",
        "This cell holds the correctly classified examples; pick a cell off the "
        "diagonal (true class different from predicted class).",
    ),
    "confused-examples-unavailable.not-stored": (
        "La version {version} de « {name} » n'a pas gardé ses exemples confondus "
        "(entraînée sans jeu de validation, ou avant cette fonction) ; "
        "entraînez-en une nouvelle version.",
        "Version {version} of '{name}' kept no confused examples (trained "
        "without a validation split, or before this feature); train a new "
        "version.",
    ),
    # --- backing services ---------------------------------------------------
    "upstream-unavailable": (
        "Service injoignable",
        "A backing service could not be reached",
    ),
    "upstream-unavailable.unreachable": (
        "Le service {service} est injoignable ; il démarre peut-être, ou il est "
        "arrêté.",
        "The {service} service could not be reached; it may be starting or down.",
    ),
    "upstream-unavailable.slow-connection": (
        "Le service {service} n'a pas accepté la connexion à temps ; il démarre "
        "peut-être, ou il est arrêté.",
        "The {service} service did not accept the connection in time; it may be "
        "starting or down.",
    ),
    "upstream-timeout": (
        "Le service met trop de temps à répondre",
        "A backing service did not answer in time",
    ),
    "upstream-timeout.no-answer": (
        "Le service {service} n'a pas répondu à temps ; réessayez plus tard.",
        "The {service} service did not answer in time; retry later.",
    ),
    "service-unhealthy": ("Service en mauvaise santé", "Service is not healthy"),
    "service-unhealthy.checks": (
        "Vérifications en échec : {checks}",
        "Failing checks: {checks}",
    ),
    # --- keys and jobs (gateway) ----------------------------------------------
    "unauthorized": ("Clé d'API manquante ou invalide", "Missing or invalid API key"),
    "unauthorized.malformed": (
        "Envoyez la clé sous la forme « Authorization: Bearer <clé> ».",
        "Send the key as 'Authorization: Bearer <key>'.",
    ),
    "unauthorized.unknown-key": (
        "Cette clé est inconnue ou révoquée ; demandez une clé à votre enseignant "
        "(`archilab keys create`).",
        "This key is unknown or revoked; ask your teacher for a key "
        "(`archilab keys create`).",
    ),
    "unauthorized.missing": (
        "Cette action demande une clé d'API : envoyez « Authorization: Bearer "
        "<clé> ». La clé d'administration est affichée au premier démarrage et "
        "enregistrée dans <ARCHILAB_HOME>/admin.key ; `archilab keys create` crée "
        "les clés d'équipe.",
        "This action needs an API key: send 'Authorization: Bearer <key>'. The "
        "admin key is printed at first start and saved in "
        "<ARCHILAB_HOME>/admin.key; `archilab keys create` makes team keys.",
    ),
    "forbidden": ("Cette clé n'y est pas autorisée", "This key may not do that"),
    "forbidden.admin-only": (
        "Seule une clé d'administration peut faire cela.",
        "Only an admin key may do this.",
    ),
    "forbidden.served-model": (
        "« {name} » est le modèle servi à toute la classe : seule une clé "
        "d'enseignant (admin) peut changer sa version en production. Entraînez "
        "sous votre propre nom de modèle pour mettre vos versions en production.",
        "'{name}' is the model the whole class is served; only an admin may "
        "change its production version. Train under your own model name to "
        "promote your versions.",
    ),
    "forbidden.not-version-owner": (
        "La version {version} de « {name} » n'a pas été entraînée par votre "
        "équipe ; seule l'équipe qui l'a entraînée ou un administrateur peut la "
        "promouvoir.",
        "Version {version} of '{name}' was not trained by your team; only its "
        "owner or an admin may promote it.",
    ),
    "forbidden.built-in-dataset": (
        "« {dataset} » est fourni avec le serveur ; seuls les jeux déposés peuvent "
        "être supprimés.",
        "'{dataset}' is built in; only uploads can be deleted.",
    ),
    "forbidden.not-dataset-owner": (
        "Seuls {owner} ou un administrateur peuvent supprimer « {dataset} ».",
        "Only {owner} or an admin may delete '{dataset}'.",
    ),
    "team-exists": (
        "Cette équipe a déjà une clé",
        "This team already has a key",
    ),
    "team-exists.live-key": (
        "Déjà une clé en service pour : {teams}. Aucune clé n'a été créée. "
        "Révoquez les clés d'équipe de la séance précédente ou choisissez "
        "d'autres noms.",
        "A live key already exists for: {teams}. No key was made. Revoke the "
        "previous session's team keys or choose other names.",
    ),
    "job-not-found": ("Entraînement introuvable", "No such training job"),
    "job-not-found.unknown": (
        "Il n'y a pas d'entraînement « {job_id} ».",
        "There is no training job '{job_id}'.",
    ),
    "queue-unavailable": (
        "File d'entraînement injoignable",
        "The training queue is unavailable",
    ),
    "queue-unavailable.redis": (
        "Redis, la file d'entraînement, est injoignable ({error}). "
        "L'entraînement {job_id} est marqué en échec ; soumettez-le de nouveau "
        "quand Redis sera revenu.",
        "Redis, the training queue, could not be reached ({error}). Job {job_id} "
        "was marked failed; submit it again once Redis is back.",
    ),
    # --- plain HTTP statuses (about:blank) --------------------------------------
    "not-found": ("Introuvable", "Not Found"),
    "not-found.route": (
        "Rien n'existe à {method} {path} ; l'API est documentée sur /api/docs.",
        "Nothing exists at {method} {path}; the API is documented at /api/docs.",
    ),
    "method-not-allowed": ("Méthode non autorisée", "Method Not Allowed"),
    "method-not-allowed.method": (
        "{method} {path} n'est pas autorisé ; utilisez {allowed}.",
        "{method} {path} is not allowed; use {allowed}.",
    ),
    "internal-server-error": ("Erreur interne du serveur", "Internal Server Error"),
    "internal-server-error.logged": (
        "Une erreur inattendue s'est produite ; elle a été consignée dans le "
        "journal du serveur.",
        "An unexpected error occurred; it has been logged.",
    ),
    "http-error": ("Erreur HTTP {status}", "HTTP error {status}"),
    "http-error.status": (
        "Le serveur a répondu HTTP {status}.",
        "The server answered HTTP {status}.",
    ),
}
