"""Every sentence of the analysis report, in French and English.

Placeholders (``{layer}``) are filled with the model's own names and numbers,
already formatted for the language.
"""

from __future__ import annotations

from lab_cnn.reports.language import Language

# Section titles, in report order; the tests check each appears in the PDF.
SECTION_TITLES: dict[Language, dict[str, str]] = {
    "fr": {
        "architecture": "Architecture du réseau",
        "filters": "Galerie des filtres de convolution",
        "feature_maps": "Cartes de caractéristiques par classe",
        "sparsity": "Parcimonie des activations",
        "dead_filters": "Filtres morts",
        "selectivity": "Sélectivité des filtres par classe",
        "patterns": "Motifs des filtres les plus sélectifs",
        "grad_cam": "Grad-CAM : réussites et erreurs",
        "confusion": "Matrice de confusion et exactitude par classe",
        "questions": "Questions guidées",
    },
    "en": {
        "architecture": "Network architecture",
        "filters": "Convolution filter gallery",
        "feature_maps": "Feature maps per class",
        "sparsity": "Activation sparsity",
        "dead_filters": "Dead filters",
        "selectivity": "Filter class selectivity",
        "patterns": "Patterns of the most selective filters",
        "grad_cam": "Grad-CAM: successes and mistakes",
        "confusion": "Confusion matrix and per-class accuracy",
        "questions": "Guided questions",
    },
}

TEXT: dict[Language, dict[str, str]] = {
    "fr": {
        "title": "Rapport d'analyse du CNN « {model} » version {version}",
        "subtitle": (
            "Jeu de données {dataset}, {test_count} images de test. "
            "Exactitude sur le test : {accuracy}. Rapport généré le {date}."
        ),
        "intro": (
            "Chaque figure et chaque nombre de ce rapport a été calculé sur votre "
            "modèle et sur la partie test de son jeu de données : servez-vous-en "
            "comme preuves dans votre analyse."
        ),
        "col_layer": "Couche",
        "col_type": "Type",
        "col_shape": "Forme de sortie",
        "col_params": "Paramètres",
        "col_field": "Champ récepteur (px)",
        "total_params": "Total : {count} paramètres entraînables ou non.",
        "architecture_text": (
            "Le champ récepteur est la taille, en pixels de l'image d'entrée, de la "
            "zone qu'un neurone de la couche peut « voir »."
        ),
        "filters_text": (
            "Chaque case est un noyau de convolution (moyenne sur les canaux "
            "d'entrée), clair pour les poids positifs, sombre pour les négatifs."
        ),
        "filters_caption": "{layer} : {count} filtres {size}",
        "feature_maps_text": (
            "Une image de test par classe, à travers chaque couche de convolution "
            "(après activation). Seules les {shown} premières cartes de chaque "
            "couche sont montrées."
        ),
        "col_input": "Entrée",
        "sparsity_text": (
            "Part des activations nulles après ReLU, sur les {test_count} images de "
            "test. Une valeur élevée signifie que peu de filtres répondent à chaque "
            "endroit de l'image."
        ),
        "sparsity_axis": "part d'activations nulles",
        "not_rectified": "(pas de ReLU : part des valeurs ≤ 0)",
        "dead_text": (
            "Un filtre est dit mort s'il ne s'active sur aucune image de test : il "
            "occupe des paramètres sans rien apporter."
        ),
        "dead_none": "{layer} : aucun filtre mort sur {count}.",
        "dead_some": "{layer} : {dead} filtre(s) mort(s) sur {count} — n° {indices}.",
        "selectivity_text": (
            "Indice de sélectivité (Morcos et al., 2018) : 0 si le filtre répond "
            "autant à toutes les classes, 1 s'il ne répond qu'à une seule. Le "
            "tableau donne les filtres les plus sélectifs de chaque couche."
        ),
        "selectivity_axis": "indice de sélectivité",
        "selectivity_filters_axis": "filtres (triés)",
        "col_filter": "Filtre",
        "col_class": "Classe préférée",
        "col_selectivity": "Sélectivité",
        "col_ratio": "Activation moyenne (classe / autres)",
        "patterns_text": (
            "Image d'entrée qui excite le plus chaque filtre, obtenue par montée de "
            "gradient à partir d'un bruit."
        ),
        "pattern_caption": "{layer} n° {index} — classe {label}",
        "grad_cam_text": (
            "Grad-CAM colore les zones de l'image qui ont le plus compté pour la "
            "classe prédite (couche {layer}, gradients des logits)."
        ),
        "grad_cam_right": "Prédictions justes",
        "grad_cam_wrong": "Erreurs les plus confiantes",
        "grad_cam_no_errors": "Aucune erreur sur le test : rien à montrer ici.",
        "grad_cam_caption": "vraie : {true} · prédite : {predicted} ({confidence})",
        "confusion_text": (
            "Ligne = classe vraie, colonne = classe prédite. Les cases hors de la "
            "diagonale sont les erreurs."
        ),
        "confusion_true": "classe vraie",
        "confusion_predicted": "classe prédite",
        "col_label": "Classe",
        "col_accuracy": "Exactitude",
        "col_examples": "Images de test",
        "questions_text": "Répondez en citant les figures et les nombres ci-dessus.",
        "q_sparsity": (
            "La couche {sparsest} a la plus forte parcimonie ({sparsity}) et "
            "{least_sparse} la plus faible ({least}). Pourquoi les activations "
            "changent-elles ainsi avec la profondeur ?"
        ),
        "q_dead_none": (
            "Aucun filtre n'est mort dans ce réseau. Quel élément de l'architecture "
            "ou de l'entraînement peut l'expliquer ?"
        ),
        "q_dead_some": (
            "{dead} filtre(s) de {layer} ne s'activent jamais. Que changeriez-vous "
            "(taux d'apprentissage, initialisation, normalisation) pour les "
            "récupérer ?"
        ),
        "q_selective": (
            "Le filtre n° {index} de {layer} est le plus sélectif (classe {label}, "
            "indice {selectivity}). Son motif ressemble-t-il à une partie d'un "
            "« {label} » ? Pourquoi les filtres sélectifs sont-ils surtout en "
            "profondeur ?"
        ),
        "q_confusion": (
            "La classe {worst} ({accuracy}) est nettement moins bien reconnue que "
            "la classe {best} ({best_accuracy}), bien au-delà du bruit de mesure ; "
            "elle est le plus souvent prise pour un « {confused} » ({count} fois). "
            "Regardez les Grad-CAM des erreurs : sur quelle partie de l'image le "
            "réseau s'est-il appuyé ?"
        ),
        "q_accuracy_alike": (
            "L'exactitude par classe va de {low} à {high}, sur au moins {count} "
            "images par classe : un écart dans le bruit de mesure (environ "
            "± {margin}). Combien d'images de test faudrait-il pour affirmer qu'une "
            "classe est vraiment moins bien reconnue qu'une autre ?"
        ),
        "q_accuracy_equal": (
            "Toutes les classes ont la même exactitude sur le test ({accuracy}). "
            "Un jeu de test plus grand ou plus varié départagerait-il les classes ?"
        ),
        "q_sparsity_alike": (
            "Les couches de convolution ont une parcimonie voisine (autour de "
            "{sparsity}), sans écart au-delà du bruit de mesure. Pourquoi la ReLU "
            "met-elle autant d'activations à zéro, et est-ce un défaut ?"
        ),
        "q_field": (
            "Le champ récepteur de {layer} couvre {field} pixels sur une image de "
            "{side} pixels. Quelles formes la première couche peut-elle détecter, "
            "et lesquelles seulement la dernière ?"
        ),
        "q_filters": (
            "Dans la galerie de {layer}, repérez deux filtres qui détectent des "
            "bords d'orientations différentes. Comment le voyez-vous dans leurs "
            "cartes de caractéristiques ?"
        ),
    },
    "en": {
        "title": "Analysis report of the CNN “{model}” version {version}",
        "subtitle": (
            "Dataset {dataset}, {test_count} test images. Test accuracy: "
            "{accuracy}. Report generated on {date}."
        ),
        "intro": (
            "Every figure and number in this report was computed on your model and "
            "on the test split of its dataset: use them as evidence in your "
            "analysis."
        ),
        "col_layer": "Layer",
        "col_type": "Type",
        "col_shape": "Output shape",
        "col_params": "Parameters",
        "col_field": "Receptive field (px)",
        "total_params": "Total: {count} parameters, trainable or not.",
        "architecture_text": (
            "The receptive field is the size, in input pixels, of the area one "
            "neuron of the layer can “see”."
        ),
        "filters_text": (
            "Each tile is a convolution kernel (mean over input channels), light "
            "for positive weights, dark for negative ones."
        ),
        "filters_caption": "{layer}: {count} filters {size}",
        "feature_maps_text": (
            "One test image per class, through every convolution layer (after "
            "activation). Only the first {shown} maps of each layer are shown."
        ),
        "col_input": "Input",
        "sparsity_text": (
            "Share of zero activations after ReLU over the {test_count} test "
            "images. A high value means few filters respond at each place in the "
            "image."
        ),
        "sparsity_axis": "share of zero activations",
        "not_rectified": "(no ReLU: share of values ≤ 0)",
        "dead_text": (
            "A filter is dead if it activates on no test image: it holds "
            "parameters and contributes nothing."
        ),
        "dead_none": "{layer}: no dead filter out of {count}.",
        "dead_some": "{layer}: {dead} dead filter(s) out of {count} — #{indices}.",
        "selectivity_text": (
            "Selectivity index (Morcos et al., 2018): 0 when the filter responds "
            "equally to every class, 1 when it responds to one class only. The "
            "table lists each layer's most selective filters."
        ),
        "selectivity_axis": "selectivity index",
        "selectivity_filters_axis": "filters (sorted)",
        "col_filter": "Filter",
        "col_class": "Preferred class",
        "col_selectivity": "Selectivity",
        "col_ratio": "Mean activation (class / others)",
        "patterns_text": (
            "The input that excites each filter most, found by gradient ascent "
            "from noise."
        ),
        "pattern_caption": "{layer} #{index} — class {label}",
        "grad_cam_text": (
            "Grad-CAM colours the parts of the image that counted most for the "
            "predicted class (layer {layer}, gradients of the logits)."
        ),
        "grad_cam_right": "Correct predictions",
        "grad_cam_wrong": "Most confident mistakes",
        "grad_cam_no_errors": "No mistake on the test split: nothing to show here.",
        "grad_cam_caption": "true: {true} · predicted: {predicted} ({confidence})",
        "confusion_text": (
            "Row = true class, column = predicted class. Cells off the diagonal "
            "are mistakes."
        ),
        "confusion_true": "true class",
        "confusion_predicted": "predicted class",
        "col_label": "Class",
        "col_accuracy": "Accuracy",
        "col_examples": "Test images",
        "questions_text": "Answer by citing the figures and numbers above.",
        "q_sparsity": (
            "Layer {sparsest} has the highest sparsity ({sparsity}) and "
            "{least_sparse} the lowest ({least}). Why do activations change like "
            "this with depth?"
        ),
        "q_dead_none": (
            "No filter is dead in this network. What in the architecture or the "
            "training can explain it?"
        ),
        "q_dead_some": (
            "{dead} filter(s) of {layer} never activate. What would you change "
            "(learning rate, initialisation, normalisation) to bring them back?"
        ),
        "q_selective": (
            "Filter #{index} of {layer} is the most selective (class {label}, index "
            "{selectivity}). Does its pattern look like part of a “{label}”? Why "
            "are selective filters mostly found deep in the network?"
        ),
        "q_confusion": (
            "Class {worst} ({accuracy}) is recognised clearly less well than class "
            "{best} ({best_accuracy}), well beyond the measuring noise; it is most "
            "often taken for a “{confused}” ({count} times). Look at the Grad-CAM "
            "of the mistakes: which part of the image did the network rely on?"
        ),
        "q_accuracy_alike": (
            "Per-class accuracy ranges from {low} to {high}, on at least {count} "
            "images per class: a gap within the measuring noise (about ± {margin}). "
            "How many test images would it take to say that one class is really "
            "recognised less well than another?"
        ),
        "q_accuracy_equal": (
            "Every class has the same test accuracy ({accuracy}). Would a larger "
            "or more varied test set tell the classes apart?"
        ),
        "q_sparsity_alike": (
            "The convolution layers have a similar sparsity (around {sparsity}), "
            "with no gap beyond the measuring noise. Why does ReLU set so many "
            "activations to zero, and is it a flaw?"
        ),
        "q_field": (
            "The receptive field of {layer} covers {field} pixels of a {side}-pixel "
            "image. Which shapes can the first layer detect, and which only the "
            "last?"
        ),
        "q_filters": (
            "In the gallery of {layer}, find two filters that detect edges of "
            "different orientations. How does it show in their feature maps?"
        ),
    },
}

MONTHS_FR = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre"
).split()
