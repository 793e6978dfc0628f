"""Problems of the cnn (images, layers, reports) and nlp (texts, Mistral) services,
and the hand-made checks of request fields.

``<code>`` is the title of ``/problems/<code>``, ``<code>.<variant>`` one of its
details. Entries are ``(French, English)``.
"""

from __future__ import annotations

PROBLEMS_SERVICES: dict[str, tuple[str, str]] = {
    # --- request fields checked by hand -------------------------------------
    "validation.image-field": (
        "Envoyez l'image dans un champ de formulaire multipart nommé « file ».",
        "Send the image in a multipart form field named 'file'.",
    ),
    "validation.image-json": (
        'Envoyez un objet JSON comme {{"image_b64": "<image en base64>"}} : {errors}',
        'Send a JSON object like {{"image_b64": "<base64 image>"}}: {errors}',
    ),
    "validation.csv-field": (
        "Envoyez le CSV dans un champ de formulaire multipart nommé « file ».",
        "Send the CSV in a multipart form field named 'file'.",
    ),
    "validation.dataset-file": (
        "Envoyez le fichier du jeu de données dans le champ multipart « file ».",
        "Send the dataset file in multipart field 'file'.",
    ),
    "validation.multipart": (
        "Le corps multipart est invalide : {error}",
        "The multipart body is invalid: {error}",
    ),
    "validation.color-mode": (
        "color_mode doit valoir l'un de : {modes}.",
        "color_mode must be one of {modes}.",
    ),
    "validation.top-k": (
        "top_k doit être entre 1 et {classes} pour ce modèle (il a {classes} "
        "classes) ; reçu {value}.",
        "top_k must be between 1 and {classes} for this model (it has {classes} "
        "classes); got {value}.",
    ),
    "validation.class-index": (
        "class doit être entre 0 et {maximum} ; reçu {value}.",
        "class must be between 0 and {maximum}; got {value}.",
    ),
    "validation.too-many-words": (
        "Le texte a {words} mots ; les explications en traitent au plus {limit} "
        "(un passage du modèle par mot). Envoyez un texte plus court.",
        "text has {words} words; explanations handle up to {limit} (one model "
        "pass per word). Send a shorter text.",
    ),
    "validation.too-many-cell-words": (
        "Le texte a {words} mots ; l'intérieur de la cellule se montre pour "
        "{limit} mots au plus (une colonne par mot). Envoyez un texte plus court.",
        "text has {words} words; the inside of the cell is shown for up to "
        "{limit} words (one column per word). Send a shorter text.",
    ),
    "validation.csv-encoding": (
        "file : le CSV n'est pas du texte UTF-8.",
        "file: the CSV is not UTF-8 text.",
    ),
    "validation.csv-header": (
        "file : le CSV doit avoir un en-tête avec « text » et « label ».",
        "file: the CSV needs a header with 'text' and 'label'.",
    ),
    "validation.csv-rows": (
        "file : plus de {limit} lignes.",
        "file: more than {limit} rows.",
    ),
    "validation.csv-label": (
        "file, ligne {line} : l'étiquette « {label} » n'est ni 0, ni 1, ni "
        "negative, ni positive.",
        "file, line {line}: label '{label}' is not 0, 1, negative or positive.",
    ),
    "validation.csv-text": (
        "file, ligne {line} : le texte est vide ou dépasse {limit} caractères.",
        "file, line {line}: text is empty or over {limit} characters.",
    ),
    "validation.csv-no-rows": (
        "file : le CSV a un en-tête mais aucune ligne.",
        "file: the CSV has a header but no rows.",
    ),
    # --- images (cnn) ---------------------------------------------------------
    "unreadable-image": ("Image illisible", "Uploaded file is not a readable image"),
    "unreadable-image.empty-upload": (
        "Le fichier envoyé est vide ; envoyez une image.",
        "The upload is empty; send an image file.",
    ),
    "unreadable-image.not-an-image": (
        "Le fichier n'a pas pu être décodé comme une image ; envoyez {formats}.",
        "The file could not be decoded as an image; send {formats}.",
    ),
    "unreadable-image.corrupt": (
        "L'image est tronquée ou abîmée ; exportez-la de nouveau et réessayez.",
        "The image is truncated or corrupt; re-export it and retry.",
    ),
    "empty-image": ("L'image est vide", "The image contains no drawing"),
    "empty-image.blank": (
        "Aucun dessin trouvé : l'image est vide ou presque sans contraste. "
        "Dessinez un chiffre ou envoyez une photo où l'encre se voit.",
        "No drawing was found: the image is blank or has almost no contrast. "
        "Draw a digit or upload a picture with visible ink.",
    ),
    "empty-image.faint": (
        "L'encre est trop pâle pour être reconnue ; dessinez avec plus de contraste.",
        "The ink is too faint to recognise; draw with more contrast.",
    ),
    "image-too-large": ("Image trop grande", "Image dimensions are too large"),
    "image-too-large.side": (
        "L'image fait {width}×{height} pixels ; la limite est de "
        "{limit}×{limit}. Réduisez-la et réessayez.",
        "The image is {width}x{height} pixels; the limit is {limit}x{limit}. "
        "Resize it and retry.",
    ),
    "image-too-large.bomb": (
        "L'image se décompresse en beaucoup trop de pixels.",
        "The image expands to too many pixels.",
    ),
    "invalid-base64": (
        "image_b64 n'est pas du base64 valide",
        "image_b64 is not valid base64",
    ),
    "invalid-base64.alphabet": (
        "image_b64 doit être du base64 standard (A-Z, a-z, 0-9, +, /, = pour "
        "compléter), éventuellement précédé d'un en-tête d'URL data:.",
        "image_b64 must be standard base64 (A-Z, a-z, 0-9, +, /, = padding), "
        "optionally prefixed by a data: URL header.",
    ),
    "unsupported-media-type.image-body": (
        "Le type de contenu « {media_type} » n'est pas accepté ; envoyez du "
        "multipart/form-data avec un champ « file », du JSON avec « image_b64 », "
        "ou l'image brute.",
        "Content type '{media_type}' is not accepted; send multipart/form-data "
        "with a 'file' field, JSON with 'image_b64', or the raw image.",
    ),
    "unsupported-media-type.model-multipart": (
        "Envoyez le modèle en multipart/form-data, le fichier .keras dans le "
        "champ « file » et votre note dans le champ « note ».",
        "Send the model as multipart/form-data with the .keras file in field "
        "'file' and your note in field 'note'.",
    ),
    "unsupported-media-type.dataset-multipart": (
        "Envoyez le jeu de données en multipart/form-data, le fichier dans le "
        "champ « file ».",
        "Send the dataset as multipart/form-data with the file in field 'file'.",
    ),
    "model-mismatch": (
        "Le modèle enregistré contredit ses métadonnées",
        "A stored model disagrees with its metadata",
    ),
    "model-mismatch.input-shape": (
        "{name} v{version} : le modèle attend une entrée {model_input} mais ses "
        "métadonnées disent {metadata_input}.",
        "{name} v{version}: model input {model_input} but metadata says "
        "{metadata_input}.",
    ),
    "model-mismatch.outputs": (
        "{name} v{version} : {outputs} sorties mais {classes} noms de classes.",
        "{name} v{version}: {outputs} outputs but {classes} class names.",
    ),
    # --- layers (cnn) -------------------------------------------------------
    "layer-not-found": ("Couche introuvable", "No such layer"),
    "layer-not-found.unknown": (
        "Aucune couche « {name} » ; les couches sont : {layers}.",
        "No layer '{name}'; layers are: {layers}.",
    ),
    "layer-not-spatial": (
        "Cette couche n'a pas de cartes d'activation",
        "This layer has no feature maps",
    ),
    "layer-not-spatial.not-spatial": (
        "La couche « {name} » produit {shape}, pas des cartes d'activation ; "
        "choisissez parmi : {layers}.",
        "Layer '{name}' outputs {shape}, not feature maps; choose one of: {layers}.",
    ),
    "layer-not-spatial.no-convolution": (
        "Ce modèle n'a pas de couche de convolution pour Grad-CAM.",
        "This model has no convolution layer for Grad-CAM.",
    ),
    "layer-not-convolutional": (
        "Cette couche n'a pas de filtres",
        "This layer has no kernels to show",
    ),
    "layer-not-convolutional.no-kernels": (
        "La couche « {name} » n'a pas de filtres ; choisissez parmi : {layers}.",
        "Layer '{name}' has no kernels; choose one of: {layers}.",
    ),
    "filter-index-out-of-range": (
        "Numéro de filtre hors limites",
        "Filter index out of range",
    ),
    "filter-index-out-of-range.filter": (
        "Le filtre {index} n'existe pas ; cette couche a {count} filtres (de 0 à "
        "{last}).",
        "Filter index {index} is out of range; this layer has {count} filters "
        "(0 to {last}).",
    ),
    # --- analysis reports (cnn) ---------------------------------------------
    "report-not-found": ("Rapport introuvable", "No such report"),
    "report-not-found.unknown": (
        "Aucun rapport « {report} » ; la liste est sur /reports.",
        "No report job '{report}'; list them at /reports.",
    ),
    "report-not-ready": ("Le rapport n'est pas prêt", "The report is not ready"),
    "report-not-ready.in-progress": (
        "Le rapport « {report} » n'a pas encore de fichier : il est {status!t} "
        "({percent} % fait) ; réessayez dans un instant.",
        "Report '{report}' has no file: it is {status!t} ({percent}% done); "
        "retry shortly.",
    ),
    "report-not-ready.failed": (
        "Le rapport « {report} » n'a pas de fichier : son écriture a échoué "
        "({reason}).",
        "Report '{report}' has no file: {reason}.",
    ),
    "report-not-ready.superseded": (
        "Le rapport {report} a été écrit avant l'ouverture d'un défi sur ce jeu de "
        "données et pourrait montrer ses images cachées : demandez-le à nouveau "
        "(POST /api/v1/vision/reports).",
        "Report {report} was written before a challenge started on this dataset "
        "and might show its hidden images: ask for it again "
        "(POST /api/v1/vision/reports).",
    ),
    "report-queue-full": ("Trop de rapports en attente", "Too many reports waiting"),
    "report-queue-full.waiting": (
        "{waiting} rapports attendent déjà ; réessayez dans une minute.",
        "{waiting} reports are already waiting; retry in a minute.",
    ),
    "pdf-printer-missing": (
        "L'impression en PDF n'est pas disponible",
        "PDF printing is not available",
    ),
    "pdf-printer-missing.pango": (
        "Ce serveur ne sait pas imprimer le rapport en PDF (il lui manque la "
        "bibliothèque Pango) : prévenez votre enseignant, ou lisez la version "
        "HTML du rapport.",
        "This server cannot print the report as PDF (the Pango library is "
        "missing): tell your teacher, or read the report's HTML version.",
    ),
    # --- sentiment (nlp) ----------------------------------------------------
    "model-unavailable.not-two-class": (
        "{name} v{version} a {classes} classes ({names}) et {outputs} sortie(s) ; "
        "le service de sentiment sert des modèles à deux classes (une sortie "
        "sigmoïde). Promouvez une version à deux classes, ou donnez un autre nom à "
        "ce modèle.",
        "{name} v{version} has {classes} classes ({names}) and {outputs} "
        "output(s); the sentiment service serves two-class models (one sigmoid "
        "output). Promote a two-class version, or give this model another name.",
    ),
    "model-unavailable.sentiment-missing": (
        "Le modèle de sentiment {language!t} « {name} » n'est pas disponible. Il "
        "est entraîné au premier démarrage à partir du dossier de données du "
        "cours : indiquez ce dossier dans ARCHILAB_DATA_DIR (ou "
        "ARCHILAB_DATASET_MIRROR_URL pour le télécharger) et relancez "
        "`archilab up`.",
        "The {language!t} sentiment model '{name}' is not available. It is "
        "trained at first start from the course's data folder: set "
        "ARCHILAB_DATA_DIR to that folder (or ARCHILAB_DATASET_MIRROR_URL to "
        "download it) and restart `archilab up`.",
    ),
    "model-not-found.not-a-sentiment-model": (
        "{name} v{version} n'est pas un modèle de sentiment (une classification "
        "de textes en deux classes) ; l'intérieur de la cellule ne se montre que "
        "pour ceux-là.",
        "{name} v{version} is not a sentiment model (a two-class text "
        "classification); the inside of the cell is shown for those only.",
    ),
    "no-recurrent-layer": (
        "Ce modèle n'a pas de couche récurrente",
        "This model has no recurrent layer",
    ),
    "no-recurrent-layer.others": (
        "{name} v{version} n'a ni LSTM, ni GRU, ni RNN simple : il n'a pas de "
        "cellule à montrer. Ces versions en ont une : {models}.",
        "{name} v{version} has no LSTM, GRU or SimpleRNN layer, so it has no "
        "cell to show. These versions have one: {models}.",
    ),
    "no-recurrent-layer.none-in-registry": (
        "{name} v{version} n'a ni LSTM, ni GRU, ni RNN simple : il n'a pas de "
        "cellule à montrer, et aucun modèle de sentiment du registre n'en a. "
        "Entraînez un LSTM bidirectionnel (architecture « bilstm »).",
        "{name} v{version} has no LSTM, GRU or SimpleRNN layer, so it has no "
        "cell to show, and no sentiment model of the registry has one. Train a "
        "bidirectional LSTM (architecture 'bilstm').",
    ),
    "evaluation-not-found": ("Évaluation introuvable", "No such evaluation"),
    "evaluation-not-found.unknown": (
        "Aucune évaluation « {evaluation} » (seules les {keep} dernières terminées "
        "sont gardées).",
        "No evaluation '{evaluation}' (the newest {keep} finished ones are kept).",
    ),
    # --- Mistral (nlp) ------------------------------------------------------
    "feature-unavailable": (
        "Fonctionnalité non configurée",
        "This feature is not configured on this server",
    ),
    "feature-unavailable.mistral-not-configured": (
        "Le comparateur Mistral n'est pas configuré sur ce serveur : demandez à "
        "votre enseignant de l'activer. L'analyse par le LSTM reste disponible.",
        "The Mistral comparison is not configured on this server: ask your "
        "teacher to enable it. The LSTM analysis still works.",
    ),
    "upstream-auth": (
        "Clé Mistral refusée",
        "The upstream API refused our credentials",
    ),
    "upstream-auth.mistral": (
        "Mistral a refusé la clé d'API de ce serveur (HTTP {status}) : prévenez "
        "votre enseignant.",
        "Mistral refused this server's API key (HTTP {status}): tell your teacher.",
    ),
    "upstream-rate-limited": (
        "Mistral demande de patienter",
        "The upstream API is rate limiting us",
    ),
    "upstream-rate-limited.mistral": (
        "Mistral limite le nombre de requêtes de ce serveur ; réessayez dans "
        "{seconds} s.",
        "Mistral is rate limiting this server; try again in {seconds} s.",
    ),
    "upstream-invalid-output": (
        "Réponse de Mistral illisible",
        "The upstream API answered something we cannot read",
    ),
    "upstream-invalid-output.shape": (
        "La réponse de Mistral n'a pas la forme d'une réponse de chat.",
        "Mistral's response does not have the shape of a chat completion.",
    ),
    "upstream-invalid-output.verdict": (
        "La réponse de Mistral n'est pas le verdict JSON demandé ({problems}).",
        "Mistral's answer is not the JSON verdict we asked for ({problems}).",
    ),
    "upstream-timeout.mistral": (
        "Mistral n'a pas répondu en {seconds} s ; réessayez, ou avec un texte plus "
        "court.",
        "Mistral did not answer within {seconds} s; try again, or with a shorter text.",
    ),
    "upstream-unavailable.mistral-unreachable": (
        "Mistral est injoignable depuis ce serveur ; prévenez votre enseignant si "
        "cela dure.",
        "Mistral could not be reached from this server; tell your teacher if it lasts.",
    ),
    "upstream-unavailable.mistral-error": (
        "Mistral a répondu HTTP {status} ; réessayez dans une minute.",
        "Mistral answered HTTP {status}; try again in a minute.",
    ),
    "upstream-unavailable.mistral-rejected": (
        "Mistral a refusé la requête (HTTP {status}) : la configuration du "
        "serveur est sans doute à revoir ; prévenez votre enseignant.",
        "Mistral rejected the request (HTTP {status}): the server's configuration "
        "probably needs a look; tell your teacher.",
    ),
}
