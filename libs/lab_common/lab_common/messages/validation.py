"""Why a request field was refused, by pydantic error type (``validation.<type>``),
with the error's context as params; our own validators raise
``PydanticCustomError`` with a type listed here. ``generic`` covers the rest.

Entries are ``(French, English)``.
"""

from __future__ import annotations

VALIDATION: dict[str, tuple[str, str]] = {
    "generic": (
        "Valeur refusée ({type}) : {message}",
        "Value refused ({type}): {message}",
    ),
    "missing": ("Ce champ est obligatoire.", "Field required."),
    "extra_forbidden": (
        "Ce champ n'est pas attendu ; vérifiez son orthographe.",
        "This field is not expected; check its spelling.",
    ),
    "string_too_short": (
        "Le texte doit contenir au moins {min_length} caractère(s).",
        "The text must have at least {min_length} character(s).",
    ),
    "string_too_long": (
        "Le texte doit contenir au plus {max_length} caractères.",
        "The text must have at most {max_length} characters.",
    ),
    "string_pattern_mismatch": (
        "Le texte ne respecte pas le format attendu ({pattern}).",
        "The text does not match the expected pattern ({pattern}).",
    ),
    "string_type": ("Un texte est attendu.", "A string is expected."),
    "string_unicode": (
        "Le texte n'est pas de l'Unicode valide.",
        "The text is not valid Unicode.",
    ),
    "too_short": (
        "Il faut au moins {min_length} élément(s) ; reçu {actual_length}.",
        "At least {min_length} item(s) needed; got {actual_length}.",
    ),
    "too_long": (
        "Il faut au plus {max_length} élément(s) ; reçu {actual_length}.",
        "At most {max_length} item(s) allowed; got {actual_length}.",
    ),
    "greater_than": (
        "La valeur doit être strictement supérieure à {gt}.",
        "The value must be greater than {gt}.",
    ),
    "greater_than_equal": (
        "La valeur doit être supérieure ou égale à {ge}.",
        "The value must be greater than or equal to {ge}.",
    ),
    "less_than": (
        "La valeur doit être strictement inférieure à {lt}.",
        "The value must be less than {lt}.",
    ),
    "less_than_equal": (
        "La valeur doit être inférieure ou égale à {le}.",
        "The value must be less than or equal to {le}.",
    ),
    "multiple_of": (
        "La valeur doit être un multiple de {multiple_of}.",
        "The value must be a multiple of {multiple_of}.",
    ),
    "int_parsing": ("Un nombre entier est attendu.", "A whole number is expected."),
    "int_type": ("Un nombre entier est attendu.", "A whole number is expected."),
    "int_from_float": (
        "Un nombre entier est attendu, sans partie décimale.",
        "A whole number is expected, without a fractional part.",
    ),
    "float_parsing": ("Un nombre est attendu.", "A number is expected."),
    "float_type": ("Un nombre est attendu.", "A number is expected."),
    "finite_number": ("Le nombre doit être fini.", "The number must be finite."),
    "bool_parsing": (
        "Un booléen est attendu (true ou false).",
        "A boolean is expected (true or false).",
    ),
    "bool_type": (
        "Un booléen est attendu (true ou false).",
        "A boolean is expected (true or false).",
    ),
    "list_type": ("Une liste est attendue.", "A list is expected."),
    "dict_type": ("Un objet JSON est attendu.", "A JSON object is expected."),
    "model_type": ("Un objet JSON est attendu.", "A JSON object is expected."),
    "model_attributes_type": (
        "Un objet JSON est attendu.",
        "A JSON object is expected.",
    ),
    "literal_error": (
        "Valeur inconnue ; valeurs possibles : {expected}.",
        "Unknown value; expected {expected}.",
    ),
    "enum": (
        "Valeur inconnue ; valeurs possibles : {expected}.",
        "Unknown value; expected {expected}.",
    ),
    "json_invalid": ("JSON invalide : {error}.", "Invalid JSON: {error}."),
    "json_type": ("Du JSON est attendu.", "JSON is expected."),
    "url_parsing": ("Adresse (URL) invalide : {error}.", "Invalid URL: {error}."),
    "url_type": ("Une adresse (URL) est attendue.", "A URL is expected."),
    "url_scheme": (
        "Le schéma de l'adresse doit être {expected_schemes}.",
        "The URL scheme must be {expected_schemes}.",
    ),
    "value_error": ("Valeur refusée : {error}", "Value refused: {error}"),
    # --- our own validators (PydanticCustomError) ------------------------------
    "teams_count_or_names": (
        "Envoyez exactement l'un de « count » (un nombre d'équipes) ou « names » "
        "(leurs noms).",
        "Send exactly one of 'count' (a number of teams) or 'names' (their names).",
    ),
    "team_name_unusable": (
        "« {name} » ne contient ni lettre ni chiffre pour nommer une équipe.",
        "'{name}' has no letter or digit to name a team by.",
    ),
    "team_name_repeated": (
        "« {name} » et « {other} » donnent la même équipe « {team} » ; "
        "choisissez des noms distincts.",
        "'{name}' and '{other}' both become the team '{team}'; choose distinct names.",
    ),
    "team_name_control": (
        "Un nom d'équipe tient sur une ligne, sans caractère de contrôle.",
        "A team name is one line of text, without control characters.",
    ),
    "base_url_spaces": (
        "L'adresse ne doit contenir ni espace ni caractère de contrôle.",
        "The address must hold no space or control character.",
    ),
    "base_url_not_http": (
        "Donnez une adresse qui commence par http:// ou https://.",
        "Give an address starting with http:// or https://.",
    ),
    "base_url_not_plain": (
        "L'adresse doit s'arrêter avant tout « ? » ou « # ».",
        "The address must end before any '?' or '#'.",
    ),
    "empty_text": (
        "le texte est vide ou ne contient que des espaces ; écrivez quelques mots.",
        "the text is empty or only whitespace; send some words.",
    ),
    "no_words": (
        "le texte ne contient aucun mot, seulement des signes ou des emoji ; le "
        "modèle lit des mots : écrivez une phrase.",
        "the text has no word, only signs or emoji; the model reads words: write a "
        "sentence.",
    ),
    "text_too_long": (
        "le texte compte {length} caractères ; la limite est de {limit}.",
        "the text has {length} characters; the limit is {limit}.",
    ),
    "text_or_texts": (
        "Envoyez exactement l'un de « text » ou « texts ».",
        "Send exactly one of 'text' or 'texts'.",
    ),
    "no_texts": (
        "texts est une liste vide ; envoyez de 1 à {limit} textes.",
        "texts is an empty list; send 1 to {limit} texts.",
    ),
    "too_many_texts": (
        "texts a {count} éléments ; la limite est de {limit} par requête.",
        "texts has {count} items; the limit is {limit} per request.",
    ),
    "lone_surrogate": (
        "le caractère {position} est un demi-caractère UTF-16 isolé ({code}), la "
        "moitié d'un emoji ou d'un symbole ; envoyez un texte Unicode valide.",
        "character {position} is a lone UTF-16 surrogate ({code}), half of an emoji "
        "or symbol; send valid Unicode text.",
    ),
    "unknown_architecture": (
        "Architecture « {architecture} » inconnue ; choisissez parmi {known}.",
        "Unknown architecture '{architecture}'; choose one of {known}.",
    ),
    "architecture_task_mismatch": (
        "L'architecture « {architecture} » sert à la tâche {expected!t}, pas à "
        "la tâche {task!t}.",
        "Architecture '{architecture}' is for {expected!t}, not {task!t}.",
    ),
    "embedding_needs_pretrained_architecture": (
        "embedding (les vecteurs de mots) ne s'applique qu'à l'architecture "
        "{expected}, pas à « {architecture} » ; retirez-le ou choisissez {expected}.",
        "embedding (word vectors) applies to the {expected} architecture only, not "
        "'{architecture}'; leave it out or choose {expected}.",
    ),
    "augment_images_only": (
        "augment ne s'applique qu'à la classification d'images.",
        "augment applies to image classification only.",
    ),
    "fine_tune_needs_pretrained_architecture": (
        "fine_tune_embedding ne s'applique qu'à l'architecture {expected}.",
        "fine_tune_embedding applies to the {expected} architecture only.",
    ),
    "fine_tune_needs_vectors": (
        "fine_tune_embedding demande des vecteurs pré-entraînés, pas « random ».",
        "fine_tune_embedding needs pretrained vectors, not 'random'.",
    ),
    "extra_datasets_texts_only": (
        "extra_train_datasets ne s'applique qu'à la classification de textes.",
        "extra_train_datasets applies to text classification only.",
    ),
    "unknown_dataset": (
        "Jeu de données « {dataset} » inconnu pour la tâche {task!t} ; choisissez "
        "parmi {known}.",
        "Unknown {task!t} dataset '{dataset}'; choose one of {known}.",
    ),
    "challenge_dataset": (
        "Ce défi se joue sur « {expected} », pas sur « {dataset} » ; mettez "
        '"dataset": "{expected}".',
        "This challenge is played on '{expected}', not '{dataset}'; set "
        '"dataset": "{expected}".',
    ),
}
