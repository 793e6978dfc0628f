// @ts-check
/**
 * Every UI string of the site, in French (the default) and English, plus the
 * number formats of each language. Static markup names its strings with
 * `data-i18n` (text) and `data-i18n-<attribute>` (attributes); modules call
 * `translate()`.
 */

/** @typedef {"fr" | "en"} Language */

/** @type {readonly Language[]} */
export const SUPPORTED_LANGUAGES = ["fr", "en"];

/** @type {Language} */
export const DEFAULT_LANGUAGE = "fr";

const STORAGE_KEY = "archilab.language";
// Attributes that markup can translate with `data-i18n-<attribute>="key"`.
const TRANSLATED_ATTRIBUTES = ["aria-label", "title", "alt", "lang"];

/** @type {Record<Language, Record<string, string>>} */
const MESSAGES = {
  fr: {
    "page.title": "ArchiLab — Reconnaissance de chiffres",
    "nav.skip": "Aller au contenu",
    "header.tagline": "Laboratoire de réseaux de neurones",
    "language.switch": "English",
    "language.switch.lang": "en",
    "language.switch.title": "Display the page in English",
    "classify.heading": "Reconnaissance de chiffres manuscrits",
    "classify.intro":
      "Dessinez un chiffre de 0 à 9 ou envoyez une photo\u00a0: un réseau convolutif entraîné sur MNIST vous dit ce qu'il y voit.",
    "draw.heading": "Dessiner",
    "draw.canvas.label": "Zone de dessin\u00a0: tracez un chiffre de 0 à 9",
    "draw.hint":
      "À la souris, au doigt ou au stylet. Au clavier\u00a0: Entrée pour prédire, Suppr pour effacer.",
    "draw.clear": "Effacer",
    "draw.predict": "Prédire",
    "draw.auto": "Prédire automatiquement après chaque trait",
    "upload.heading": "Envoyer une image",
    "upload.label": "Choisir une image",
    "upload.drop": "ou déposez-la ici (PNG, JPEG…)",
    "upload.chosen": "Image analysée\u00a0: {name}",
    "results.heading": "Résultat",
    "results.empty":
      "Dessinez un chiffre ou envoyez une image pour voir la réponse du réseau.",
    "results.busy": "Analyse en cours…",
    "results.verdict": "Réponse du réseau",
    "results.table.caption": "Les {count} classes les plus probables",
    "results.table.class": "Chiffre",
    "results.table.probability": "Probabilité",
    "results.model": "Modèle\u00a0: {name} v{version}",
    "results.timing": "Inférence\u00a0: {inference} (total\u00a0: {total})",
    "results.input.caption": "L'image 28×28 que le réseau a réellement reçue",
    "results.input.alt": "L'image 28×28 reçue par le réseau, agrandie",
    "results.warnings.heading": "Réponse peu fiable",
    "problem.heading": "Impossible d'obtenir une prédiction",
    "problem.status": "Erreur {status}",
    "problem.request": "Référence\u00a0: {id}",
    "problem.network.title": "Le serveur ne répond pas",
    "problem.network.detail":
      "Vérifiez votre connexion ou que le laboratoire est bien démarré, puis réessayez.",
    "problem.unexpected.title": "Erreur inattendue",
    "footer.model": "Modèle en service\u00a0: {name} v{version}",
    "footer.accuracy": "exactitude sur le jeu de test\u00a0: {accuracy}",
    "footer.model.none": "Aucun modèle en service pour le moment",
    "footer.health.ok": "Services opérationnels",
    "footer.health.degraded": "Services dégradés",
    "footer.health.unknown": "État des services inconnu",
    "nav.explorer": "Explorer le réseau",
    "nav.classify": "Retour à la reconnaissance",
    "explorer.title": "ArchiLab — Explorer le réseau",
    "explorer.heading": "Explorer le réseau convolutif",
    "explorer.intro":
      "Donnez une image au réseau, puis cliquez sur une couche pour voir ce qu'elle en fait\u00a0: ses cartes d'activation, les filtres qui les produisent et les zones qui ont compté pour la décision.",
    "explorer.input.heading": "Image d'entrée",
    "explorer.model.label": "Version du modèle",
    "explorer.model.serving": "{name} v{version} (en service)",
    "explorer.model.option": "{name} v{version}",
    "explorer.model.loading": "Chargement des modèles…",
    "explorer.model.none": "Aucun modèle disponible",
    "explorer.draw.hint": "Tracez un chiffre à la souris, au doigt ou au stylet, ou envoyez une image.",
    "explorer.upload.label": "Envoyer une image",
    "explorer.image.none": "Aucune image pour l'instant.",
    "explorer.image.drawing": "Image\u00a0: votre dessin",
    "explorer.image.file": "Image\u00a0: {name}",
    "explorer.network.heading": "Les couches du réseau",
    "explorer.network.hint": "De l'entrée (à gauche) à la sortie (à droite). Choisissez une couche.",
    "explorer.network.label": "Couches du réseau, de l'entrée à la sortie",
    "explorer.network.loading": "Chargement des couches…",
    "explorer.layer.params": "{count} paramètres",
    "explorer.layer.field": "Champ récepteur\u00a0: {size}×{size} px",
    "explorer.layer.none": "Choisissez une couche pour voir ce qu'elle fait.",
    "explorer.layer.shape": "Sortie\u00a0: {shape}",
    "explorer.layer.flat": "Cette couche ne produit pas de cartes d'activation\u00a0: sa sortie est un simple vecteur de {count} nombres, sans dimension spatiale.",
    "explorer.layer.input": "C'est l'image elle-même, telle que le réseau la reçoit\u00a0: elle n'a pas encore de cartes d'activation. Choisissez une couche suivante.",
    "explorer.layer.needImage": "Dessinez un chiffre ou envoyez une image pour voir les cartes d'activation de cette couche.",
    "explorer.maps.heading": "Cartes d'activation",
    "explorer.maps.busy": "Calcul des cartes d'activation…",
    "explorer.maps.alt": "Les {count} cartes d'activation de la couche {layer}, en grille",
    "explorer.maps.hint": "Cliquez sur une carte pour l'agrandir, ou choisissez son numéro.",
    "explorer.channel.label": "Carte n°",
    "explorer.channel.heading": "Carte {channel} de {layer}",
    "explorer.channel.alt": "La carte d'activation {channel} de la couche {layer}, agrandie",
    "explorer.channel.mean": "Activation moyenne\u00a0: {value}",
    "explorer.channel.zeros": "Pixels à zéro\u00a0: {value}",
    "explorer.channel.busy": "Chargement de la carte…",
    "explorer.kernel.caption": "Le noyau (filtre {channel} de {layer}) qui produit cette carte",
    "explorer.kernel.alt": "Les poids du filtre {channel} de la couche {layer}",
    "explorer.kernel.none": "Cette couche n'a pas de noyau propre à cette carte.",
    "explorer.kernel.averaged":
      "Chaque filtre de {layer} a un noyau par canal d'entrée\u00a0: l'image montre la moyenne de ses {count} noyaux, un par canal de la couche précédente.",
    "explorer.kernel.single": "{layer} n'a qu'un canal d'entrée (l'image en niveaux de gris)\u00a0: l'image montre ses poids tels quels.",
    "explorer.tile.label": "Carte {channel}",
    "explorer.pattern.caption": "Le motif qui excite le plus ce filtre",
    "explorer.pattern.alt": "Le motif d'entrée qui active le plus le filtre {channel} de {layer}",
    "explorer.pattern.busy": "Recherche du motif (quelques secondes la première fois)…",
    "explorer.gradcam.heading": "Grad-CAM",
    "explorer.gradcam.toggle": "Superposer Grad-CAM",
    "explorer.gradcam.class": "Classe expliquée",
    "explorer.gradcam.predicted": "Classe prédite",
    "explorer.gradcam.busy": "Calcul de la carte Grad-CAM…",
    "explorer.gradcam.alt": "Carte Grad-CAM superposée à l'image d'entrée",
    "explorer.gradcam.caption": "Zones qui ont fait pencher le réseau vers «\u00a0{label}\u00a0» (couche {layer})",
    "explorer.gradcam.off": "Cochez la case pour voir où le réseau a regardé.",
    "explorer.gradcam.scale": "Échelle des couleurs de Grad-CAM, du bleu (attention faible) au rouge (attention forte)",
    "explorer.gradcam.low": "Attention faible",
    "explorer.gradcam.high": "Attention forte",
    "explorer.glossary.heading": "Petit glossaire",
    "explorer.stats.caption": "Statistiques de chaque carte",
    "explorer.stats.mean": "Activation moyenne",
    "explorer.stats.zeros": "Pixels à zéro",
    "explorer.samples.heading": "Ou une image du jeu de test",
    "explorer.samples.loading": "Chargement des exemples…",
    "explorer.samples.none": "Pas d'exemples pour ce modèle.",
    "explorer.samples.name": "Image de test n°\u00a0{index} (classe {label})",
    "report.heading": "Rapport d'analyse",
    "report.intro":
      "Le serveur mesure ce modèle sur tout son jeu de test et rédige un rapport (filtres, cartes d'activation, parcimonie, filtres morts, sélectivité, Grad-CAM, confusions, questions guidées).",
    "report.language": "Langue du rapport",
    "report.create": "Générer le rapport",
    "report.pdf": "Télécharger le PDF",
    "report.html": "Ouvrir la page HTML",
    "report.progress": "Avancement du rapport",
    "report.status.sending": "Envoi de la demande…",
    "report.status.running": "Rédaction du rapport\u00a0: {stage} ({percent})",
    "report.status.done": "Rapport prêt (rédigé en {seconds}\u00a0s).",
    "report.status.failed": "Le rapport n'a pas pu être rédigé\u00a0: {error}",
    "report.stage.queued": "en attente",
    "report.stage.running": "démarrage",
    "report.stage.loading": "chargement du modèle et des données",
    "report.stage.measure": "mesures sur le jeu de test",
    "report.stage.feature-maps": "cartes d'activation",
    "report.stage.grad-cam": "Grad-CAM",
    "report.stage.patterns": "motifs des filtres",
    "report.stage.charts": "graphiques",
    "report.stage.pdf": "mise en page du PDF",
    "report.stage.done": "terminé",
    "layer.Conv2D": "Une convolution fait glisser de petits filtres (noyaux) sur l'image et calcule, à chaque position, une somme pondérée des pixels voisins. Chaque filtre produit une carte d'activation qui s'allume là où il reconnaît son motif (bord, courbe, coin…).",
    "layer.MaxPooling2D": "Le max-pooling découpe chaque carte en petits carrés et n'en garde que la valeur la plus forte. La carte devient plus petite, le réseau tolère de petits décalages et chaque neurone suivant voit une plus grande zone de l'image.",
    "layer.BatchNormalization": "La normalisation par lot recentre et remet à l'échelle chaque canal avec des moyennes apprises pendant l'entraînement. Elle ne change pas la forme des cartes mais stabilise et accélère l'apprentissage.",
    "layer.relu": "L'activation ReLU remplace chaque valeur négative par zéro et laisse passer les positives. C'est cette non-linéarité qui permet d'empiler des couches utiles\u00a0; les zones noires des cartes sont les zéros.",
    "layer.Flatten": "Flatten met toutes les cartes bout à bout en un seul long vecteur. On perd la disposition spatiale, mais les couches denses qui suivent peuvent combiner toutes les caractéristiques.",
    "layer.Dropout": "Pendant l'entraînement, le dropout éteint au hasard une partie des neurones pour éviter que le réseau n'apprenne par cœur. À la prédiction, il laisse tout passer.",
    "layer.Dense": "Une couche dense relie chacune de ses entrées à chacun de ses neurones par un poids appris. Elle combine les caractéristiques détectées plus tôt pour en tirer des indices de plus haut niveau, jusqu'à un score par chiffre.",
    "layer.softmax": "La softmax transforme les scores des dix chiffres en probabilités positives dont la somme vaut 1. Le chiffre de plus forte probabilité est la réponse du réseau.",
    "layer.InputLayer": "La couche d'entrée reçoit l'image 28×28 en niveaux de gris, normalisée entre 0 et 1. Elle ne calcule rien\u00a0: elle fixe la forme des données.",
    "layer.other": "Une couche de type {type}. Elle transforme la sortie de la couche précédente avant de la passer à la suivante.",
    "glossary.kernel.term": "Filtre (noyau, kernel)",
    "glossary.kernel.definition": "Petite grille de poids appris (souvent 3×3) que la convolution fait glisser sur l'image pour détecter un motif.",
    "glossary.featuremap.term": "Carte d'activation (feature map)",
    "glossary.featuremap.definition": "L'image produite par un filtre\u00a0: claire là où le motif du filtre est présent, sombre ailleurs.",
    "glossary.field.term": "Champ récepteur (receptive field)",
    "glossary.field.definition": "La zone de l'image d'entrée qu'un pixel d'une carte «\u00a0voit\u00a0»\u00a0; elle grandit à chaque convolution et chaque pooling.",
    "glossary.relu.term": "ReLU",
    "glossary.relu.definition": "Fonction d'activation max(0, x)\u00a0: garde les valeurs positives, met les négatives à zéro.",
    "glossary.pooling.term": "Pooling",
    "glossary.pooling.definition": "Réduction d'une carte en résumant chaque petite zone (par son maximum, ou sa moyenne).",
    "glossary.gradcam.term": "Grad-CAM",
    "glossary.gradcam.definition": "Méthode qui colore les zones de l'image ayant le plus contribué au score d'une classe, à partir des gradients de la dernière convolution.",
    // Sentiment page
    "nav.sentiment": "Analyse de sentiment",
    "sentiment.title": "ArchiLab — Analyse de sentiment",
    "sentiment.heading": "Analyse de sentiment",
    "sentiment.intro":
      "Écrivez un avis en français ou en anglais\u00a0: un réseau récurrent (LSTM) dit s'il est positif ou négatif, montre quels mots ont compté et comment son opinion a évolué mot après mot.",
    "sentiment.input.heading": "Texte à analyser",
    "sentiment.text.label": "Votre texte",
    "sentiment.text.hint": "Ctrl+Entrée pour analyser.",
    "sentiment.counter": "{count} / {max} caractères",
    "sentiment.language.label": "Langue du texte",
    "sentiment.language.auto": "Détecter automatiquement",
    "sentiment.language.option.fr": "Français",
    "sentiment.language.option.en": "Anglais",
    "sentiment.language.name.fr": "français",
    "sentiment.language.name.en": "anglais",
    "sentiment.analyse": "Analyser",
    "sentiment.examples.heading": "Exemples à essayer",
    "sentiment.error.empty": "Le texte est vide\u00a0: écrivez au moins un mot.",
    "sentiment.error.long": "Le texte compte {count} caractères\u00a0; la limite est de {max}.",
    "sentiment.result.empty": "Écrivez un texte ou choisissez un exemple, puis cliquez sur «\u00a0Analyser\u00a0».",
    "sentiment.result.verdict": "Avis du réseau",
    "sentiment.label.positive": "Positif",
    "sentiment.label.negative": "Négatif",
    "sentiment.result.positive": "Probabilité que le texte soit positif\u00a0: {value}",
    "sentiment.result.detected": "Langue détectée\u00a0: {language}",
    "sentiment.result.hinted": "Langue indiquée\u00a0: {language}",
    "sentiment.result.model": "Modèle\u00a0: {name} v{version}",
    "sentiment.explanation.heading": "Ce qui a compté",
    "sentiment.explanation.empty": "Analysez un texte pour voir la contribution de chaque mot.",
    "sentiment.explanation.failed":
      "L'explication n'a pas pu être calculée\u00a0; le verdict ci-dessus reste valable.",
    "sentiment.method.legend": "Colorer les mots selon",
    "sentiment.method.occlusion": "Occlusion",
    "sentiment.method.gradient": "Gradient × entrée",
    "sentiment.method.hint.occlusion":
      "Occlusion\u00a0: de combien la probabilité positive change quand on retire le mot. Survolez un mot ou parcourez-les au clavier (flèches) pour voir ses deux scores.",
    "sentiment.method.hint.gradient_x_input":
      "Gradient × entrée\u00a0: la sensibilité du score au plongement du mot, multipliée par ce plongement (0 pour un mot inconnu). Survolez un mot ou parcourez-les au clavier (flèches) pour voir ses deux scores.",
    "sentiment.tokens.label": "Le texte, chaque mot coloré selon sa contribution",
    "sentiment.tokens.direction.positive": "▲ pousse vers positif",
    "sentiment.tokens.direction.negative": "▼ pousse vers négatif",
    "sentiment.tokens.direction.neutral": "● presque neutre",
    "sentiment.tokens.score.occlusion": "occlusion {value}",
    "sentiment.tokens.score.gradient": "gradient × entrée {value}",
    "sentiment.tokens.oov": "hors vocabulaire",
    "sentiment.tokens.oov.note":
      "Les mots grisés sont hors du vocabulaire du modèle\u00a0: il ne les a pas vus à l'entraînement et les traite tous comme un même mot inconnu.",
    "sentiment.tokens.legend.negative": "▼ vers négatif",
    "sentiment.tokens.legend.positive": "vers positif ▲",
    "sentiment.chart.heading": "L'opinion au fil du texte",
    "sentiment.chart.region": "Courbe de l'opinion, à faire défiler horizontalement",
    "scroll.hint": "Faites défiler\u00a0→",
    "sentiment.chart.empty": "Pas de mot à tracer.",
    "sentiment.chart.axis.y": "Probabilité positive",
    "sentiment.chart.boundary": "neutre (50 %)",
    "sentiment.chart.point": "Après «\u00a0{word}\u00a0»\u00a0: {value}",
    "sentiment.chart.label":
      "Courbe de la probabilité positive au fil des {count} mots\u00a0: {start} après le premier mot («\u00a0{first}\u00a0»), {end} à la fin (minimum {min}, maximum {max}).",
    "sentiment.chart.table.caption": "Probabilité positive après chaque mot",
    "sentiment.chart.table.index": "N°",
    "sentiment.chart.table.word": "Mot",
    "sentiment.chart.table.value": "Probabilité positive",
    "sentiment.compare.heading": "LSTM ou grand modèle de langue\u00a0?",
    "sentiment.compare.intro":
      "Soumettez le même texte à Mistral, un grand modèle de langue, et comparez sa réponse à celle du LSTM.",
    "sentiment.compare.button": "Comparer avec Mistral",
    "sentiment.compare.busy": "Mistral lit le texte…",
    "sentiment.compare.unavailable.title": "Mistral n'est pas configuré sur ce serveur",
    "sentiment.compare.unavailable.lstm": "L'analyse par le LSTM reste disponible.",
    "sentiment.compare.agree": "✓ Les deux modèles sont d'accord.",
    "sentiment.compare.disagree": "✗ Les deux modèles ne sont pas d'accord.",
    "sentiment.compare.lstm.heading": "LSTM (ce laboratoire)",
    "sentiment.compare.mistral.heading": "Mistral",
    "sentiment.compare.label": "Avis",
    "sentiment.compare.confidence": "Confiance",
    "sentiment.compare.latency": "Temps de réponse",
    "sentiment.compare.model": "Modèle",
    "sentiment.compare.usage": "Jetons",
    "sentiment.compare.usage.value": "{prompt} en entrée, {completion} en sortie",
    "sentiment.compare.cached": "Réponse en cache",
    "sentiment.compare.rationale": "Sa justification\u00a0:",
    "sentiment.cells.heading": "Dans la cellule LSTM",
    "sentiment.cells.intro":
      "Un LSTM lit le texte mot après mot en tenant une mémoire\u00a0: à chaque mot, ses portes décident ce qu'il y écrit, ce qu'il oublie et ce qu'il en montre. Regardez-les travailler sur votre texte.",
    "sentiment.cells.button": "Voir l'intérieur du LSTM",
    "sentiment.cells.empty": "Analysez un texte, puis ouvrez la cellule pour voir ses portes travailler mot après mot.",
    "sentiment.cells.busy": "Le réseau relit le texte, porte après porte…",
    "sentiment.cells.summary":
      "Cellule {cell} de {name} v{version}\u00a0: les {units} unités les plus parlantes sur {total}, pour {words} mots.",
    "sentiment.cells.region": "Carte de chaleur de la cellule, à faire défiler horizontalement",
    "sentiment.cells.caption": "L'intérieur de la cellule, mot après mot\u00a0: une ligne par porte et par unité, une colonne par mot",
    "sentiment.cells.unit": "Unité",
    "sentiment.cells.direction.forward": "avant {index}",
    "sentiment.cells.direction.backward": "arrière {index}",
    "sentiment.cells.correlation": "Corrélation avec l'opinion du modèle\u00a0: {value}",
    "sentiment.cells.value": "«\u00a0{word}\u00a0»\u00a0: {value}",
    "sentiment.cells.unread": "non lu",
    "sentiment.cells.legend.gates": "Portes\u00a0: 0 fermée → 1 ouverte",
    "sentiment.cells.legend.states": "États\u00a0: négatif ← 0 → positif (chaque état à sa propre échelle)",
    "sentiment.cells.legend.unread": "Mot que le modèle ne lit pas (sans lettre ni chiffre)",
    // Jobs and models pages
    "nav.jobs": "Entraînements",
    "nav.models": "Modèles",
    "key.legend": "Votre clé",
    "key.label": "Clé d'API",
    "key.forget": "Oublier la clé",
    "key.hint":
      "Clé donnée par l'enseignant, gardée dans ce navigateur. La clé d'administration est affichée au premier démarrage du laboratoire (et rangée dans <ARCHILAB_HOME>/admin.key).",
    "jobs.title": "ArchiLab — Entraîner un modèle",
    "jobs.heading": "Entraîner un modèle",
    "jobs.intro":
      "Choisissez des données, une architecture et des hyperparamètres, lancez l'entraînement sur le serveur et regardez les courbes se dessiner époque après époque.",
    "jobs.form.heading": "Nouvel entraînement",
    "jobs.noWorker":
      "Aucun worker d'entraînement ne tourne sur le serveur : un entraînement lancé maintenant attendra dans la file jusqu'au démarrage d'un worker (python -m lab_trainer ; archilab up et docker compose en démarrent un).",
    "jobs.form.data": "Données et modèle",
    "jobs.form.hyper": "Hyperparamètres",
    "jobs.task.label": "Tâche",
    "jobs.task.image": "Images (classification)",
    "jobs.task.text": "Textes (sentiment)",
    "jobs.dataset.label": "Jeu de données",
    "jobs.dataset.loading": "Chargement des jeux de données…",
    "jobs.dataset.none": "Aucun jeu de données disponible",
    "jobs.dataset.unavailable": "{id} (indisponible)",
    "jobs.dataset.classes": "{count} classes",
    "jobs.dataset.size": "{count} exemples",
    "jobs.dataset.why": "{id}\u00a0: {reason}",
    "jobs.dataset.why.summary": "Pourquoi certains jeux sont grisés\u00a0?",
    "jobs.dataset.missing": "fichiers absents du serveur",
    "jobs.architecture.label": "Architecture",
    "jobs.architecture.digits-cnn": "CNN à 3 blocs (par défaut)",
    "jobs.architecture.digits-cnn.hint":
      "Trois blocs convolution → pooling → normalisation → ReLU, puis une couche dense de 128 neurones.",
    "jobs.architecture.tiny-cnn": "Petit CNN",
    "jobs.architecture.tiny-cnn.hint":
      "Une seule convolution de 8 filtres et une softmax\u00a0: rapide, et volontairement faible.",
    "jobs.architecture.mlp": "Perceptron multicouche (MLP)",
    "jobs.architecture.mlp.hint":
      "L'image aplatie et deux couches denses, sans convolution\u00a0: pour comparer.",
    "jobs.architecture.bilstm": "LSTM bidirectionnel (par défaut)",
    "jobs.architecture.bilstm.hint":
      "Vectorisation des mots, plongement de dimension 64, LSTM bidirectionnel de 64 unités.",
    "jobs.architecture.embedding-bag": "Sac de plongements",
    "jobs.architecture.embedding-bag.hint":
      "La moyenne des plongements des mots, sans récurrence\u00a0: une base de comparaison rapide.",
    "jobs.architecture.bilstm-pretrained": "LSTM bidirectionnel + vecteurs pré-entraînés",
    "jobs.architecture.bilstm-pretrained.hint":
      "Le même LSTM bidirectionnel, mais ses plongements de mots partent de vecteurs appris sur des milliards de mots et restent figés\u00a0; comparez avec des vecteurs aléatoires.",
    "jobs.embedding.label": "Vecteurs de mots",
    "jobs.embedding.fr-fasttext-300": "fastText français 300\u00a0d",
    "jobs.embedding.en-glove-50": "GloVe anglais 50\u00a0d",
    "jobs.embedding.random": "aléatoires",
    "jobs.embedding.auto": "selon la langue des textes",
    "jobs.embedding.fr-fasttext-300.hint":
      "20\u00a0000 vecteurs de 300 dimensions appris par fastText sur le web français (Common Crawl et Wikipédia), fournis avec spaCy.",
    "jobs.embedding.en-glove-50.hint":
      "400\u00a0000 vecteurs de 50 dimensions appris par GloVe sur 6 milliards de mots anglais (Wikipédia et Gigaword).",
    "jobs.embedding.random.hint":
      "Pas de vecteurs pré-entraînés\u00a0: le plongement part de valeurs au hasard et s'apprend sur vos textes. Le même modèle, pour mesurer ce que les vecteurs apportent.",
    "jobs.embedding.auto.hint":
      "La langue de ce jeu de données n'est pas connue\u00a0: le serveur la lit dans les textes et prend les vecteurs français ou anglais.",
    "jobs.embedding.mismatch":
      "Attention\u00a0: vecteurs de mots {vectors}, textes {texts}\u00a0: peu de mots auront un vecteur. Intéressant pour comparer, pas pour obtenir un bon modèle.",
    "jobs.language.fr": "français",
    "jobs.language.en": "anglais",
    "jobs.modelName.label": "Nom du modèle",
    "jobs.modelName.hint":
      "Par défaut\u00a0: «\u00a0{default}\u00a0». Les pages de reconnaissance et de sentiment servent «\u00a0digits\u00a0», «\u00a0sentiment-fr\u00a0» et «\u00a0sentiment-en\u00a0» à toute la classe\u00a0: seule une clé d'enseignant (admin) peut en mettre une version en production.",
    "jobs.epochs.label": "Époques",
    "jobs.batchSize.label": "Taille de lot",
    "jobs.learningRate.label": "Taux d'apprentissage",
    "jobs.optimizer.label": "Optimiseur",
    "jobs.dropout.label": "Dropout",
    "jobs.validationShare.label": "Part de validation",
    "jobs.patience.label": "Patience (arrêt précoce)",
    "jobs.patience.hint":
      "Vide\u00a0: pas d'arrêt précoce. Sinon, l'entraînement s'arrête après ce nombre d'époques sans progrès en validation.",
    "jobs.augment.label": "Augmenter les images (petits décalages aléatoires)",
    "jobs.promote.label": "Mettre en production à la fin",
    "jobs.submit": "Lancer l'entraînement",
    "jobs.error.dataset": "Choisissez un jeu de données disponible.",
    "jobs.error.number": "Le champ «\u00a0{field}\u00a0» doit contenir un nombre.",
    "jobs.monitor.heading": "Suivi de l'entraînement",
    "jobs.monitor.empty": "Lancez un entraînement, ou choisissez-en un dans l'historique pour le suivre.",
    "jobs.monitor.summary": "{dataset} · {architecture} · {epochs} époques · par {owner}",
    "jobs.monitor.queued": "En attente d'un processus d'entraînement libre…",
    "jobs.monitor.running": "Entraînement en cours sur le serveur.",
    "jobs.monitor.cancelling": "Annulation demandée\u00a0: l'entraînement s'arrête à la fin du lot en cours.",
    "jobs.monitor.failed": "L'entraînement a échoué\u00a0: {error}",
    "jobs.monitor.cancelled": "Entraînement annulé.",
    "jobs.monitor.duration": "Durée\u00a0: {duration}.",
    "jobs.monitor.test": "Sur le jeu de test\u00a0: exactitude {accuracy}, perte {loss}.",
    "jobs.monitor.test.accuracy": "Exactitude sur le jeu de test\u00a0: {accuracy}.",
    "jobs.monitor.model": "Version produite\u00a0: {name} v{version}.",
    "jobs.monitor.model.promoted": "Version produite et mise en production\u00a0: {name} v{version}.",
    "jobs.monitor.model.link": "Voir {name} v{version} dans les modèles",
    "jobs.progress.label": "Avancement de l'entraînement",
    "jobs.progress.epoch": "époque {epoch} sur {epochs}",
    "jobs.progress.eta": "encore environ {eta}",
    "jobs.progress.reconnecting": "connexion perdue, reconnexion…",
    "jobs.progress.polling": "suivi par relecture toutes les 2 s",
    "jobs.cancel": "Annuler l'entraînement",
    "jobs.status.queued": "En attente",
    "jobs.status.running": "En cours",
    "jobs.status.succeeded": "Terminé",
    "jobs.status.failed": "Échec",
    "jobs.status.cancelled": "Annulé",
    "jobs.log.heading": "Journal",
    "jobs.log.empty": "Rien pour l'instant.",
    "jobs.log.status": "État\u00a0: {status}",
    "jobs.log.attempt": " (tentative {attempt})",
    "jobs.log.epoch": "Époque {epoch}\u00a0: perte {loss}, exactitude {accuracy}.",
    "jobs.log.validation": "Validation\u00a0: perte {loss}, exactitude {accuracy}.",
    "jobs.curves.empty": "Les courbes apparaîtront dès les premières mesures.",
    "jobs.curves.loss.heading": "Perte (loss)",
    "jobs.curves.accuracy.heading": "Exactitude (accuracy)",
    "jobs.curves.axis.x": "Époques",
    "jobs.curves.loss.label.one": "Courbe de perte\u00a0: {count} époque terminée.",
    "jobs.curves.loss.label.other": "Courbe de perte\u00a0: {count} époques terminées.",
    "jobs.curves.accuracy.label.one": "Courbe d'exactitude\u00a0: {count} époque terminée.",
    "jobs.curves.accuracy.label.other": "Courbe d'exactitude\u00a0: {count} époques terminées.",
    "jobs.curves.last": "Dernière époque\u00a0: entraînement {train}, validation {validation}.",
    "jobs.curves.last.train": "Dernière époque\u00a0: entraînement {train}.",
    "jobs.curves.legend.train": "entraînement (fin d'époque)",
    "jobs.curves.legend.validation": "validation (fin d'époque)",
    "jobs.curves.legend.batch": "entraînement, lot après lot",
    "jobs.curves.table.summary": "Voir les valeurs de chaque époque",
    "jobs.curves.table.caption": "Mesures à la fin de chaque époque",
    "jobs.curves.table.epoch": "Époque",
    "jobs.curves.table.loss": "Perte",
    "jobs.curves.table.val_loss": "Perte (validation)",
    "jobs.curves.table.accuracy": "Exactitude",
    "jobs.curves.table.val_accuracy": "Exactitude (validation)",
    "jobs.curves.table.seconds": "Secondes",
    "jobs.history.heading": "Historique des entraînements",
    "jobs.history.refresh": "Actualiser",
    "jobs.history.hint": "Cliquez sur une ligne pour suivre ou revoir cet entraînement.",
    "jobs.history.empty": "Aucun entraînement pour l'instant.",
    "jobs.history.caption": "Les entraînements, du plus récent au plus ancien",
    "jobs.history.column.watch": "Suivre",
    "jobs.history.column.status": "État",
    "jobs.history.column.dataset": "Données",
    "jobs.history.column.architecture": "Architecture",
    "jobs.history.column.owner": "Équipe",
    "jobs.history.column.created": "Créé le",
    "jobs.history.column.duration": "Durée",
    "jobs.history.column.accuracy": "Exactitude (test)",
    "jobs.history.column.model": "Version produite",
    "jobs.history.watch": "Voir",
    "jobs.history.watch.context": "l'entraînement du {created} sur {dataset}",
    "jobs.footer":
      "Les entraînements tournent sur le serveur\u00a0: vous pouvez fermer cette page et revenir plus tard.",
    "models.title": "ArchiLab — Modèles",
    "models.heading": "Modèles et versions",
    "models.intro":
      "Chaque entraînement réussi ajoute une version à son modèle. La version en production est celle que servent les pages de reconnaissance et d'analyse de sentiment.",
    "models.list.heading": "Modèles enregistrés",
    "models.refresh": "Actualiser",
    "models.loading": "Chargement…",
    "models.list.empty": "Aucun modèle enregistré pour l'instant.",
    "models.list.caption": "Choisissez un modèle pour voir ses versions",
    "models.list.column.name": "Modèle",
    "models.list.column.task": "Tâche",
    "models.list.column.versions": "Versions",
    "models.list.column.production": "En production",
    "models.list.column.latest": "Dernière",
    "models.task.image-classification": "Images",
    "models.task.text-classification": "Textes",
    "models.none": "aucune",
    "models.versions.heading": "Versions",
    "models.versions.of": "Versions de {name}",
    "models.versions.choose": "Choisissez un modèle dans la liste.",
    "models.versions.intro":
      "Comparez les versions, puis mettez la meilleure en production\u00a0; il faut une clé.",
    "models.versions.empty": "Ce modèle n'a aucune version.",
    "models.versions.caption": "Les versions, de la plus récente à la plus ancienne",
    "models.versions.region": "Tableau des versions, à faire défiler horizontalement",
    "models.list.region": "Tableau des modèles, à faire défiler horizontalement",
    "models.history.region": "Historique des mises en production, à faire défiler horizontalement",
    "models.versions.column.version": "Version",
    "models.versions.column.state": "État",
    "models.versions.column.accuracy": "Exactitude (test)",
    "models.versions.column.dataset": "Données",
    "models.versions.column.config": "Réglages d'entraînement",
    "models.versions.column.duration": "Durée",
    "models.versions.column.created": "Créée",
    "models.versions.column.action": "Action",
    "models.production": "En production",
    "models.promote": "Mettre v{version} en production",
    "models.rollback": "Revenir à v{version}",
    "models.confirm.promote.title": "Mettre en production\u00a0?",
    "models.confirm.promote":
      "Mettre la version {version} de «\u00a0{name}\u00a0» en production\u00a0? Les pages qui servent ce modèle passeront à cette version en quelques secondes.",
    "models.confirm.rollback.title": "Revenir à une version précédente\u00a0?",
    "models.confirm.rollback":
      "Remettre la version {version} de «\u00a0{name}\u00a0» en production à la place de la version {production}\u00a0? Aucune version n'est effacée.",
    "dialog.confirm": "Confirmer",
    "dialog.cancel": "Annuler",
    "models.loss": "perte {value}",
    "models.config.architecture": "{value}",
    "models.config.epochs": "{value} époques",
    "models.config.batch_size": "lots de {value}",
    "models.config.optimizer": "{value}",
    "models.config.learning_rate": "taux {value}",
    "models.config.dropout": "dropout {value}",
    "models.config.embedding": "vecteurs {value}",
    "models.config.all": "Tous les réglages",
    "models.owner": "par {owner}",
    "models.job.link": "voir l'entraînement",
    "models.yes": "oui",
    "models.no": "non",
    "models.reason.label": "Raison de la mise en production (facultative)",
    "models.rollback.hint":
      "Revenir en arrière, c'est mettre en production une version plus ancienne\u00a0: aucune version n'est jamais effacée.",
    "models.promoting": "Mise en production de v{version}…",
    "models.promoted": "{name} v{version} est maintenant en production.",
    "models.promoted.from": "{name} v{version} est maintenant en production (à la place de v{previous}).",
    "models.promoted.reload":
      "Les pages de reconnaissance et d'analyse de sentiment l'utilisent d'ici quelques secondes, sans redémarrage.",
    "models.history.heading": "Historique des mises en production",
    "models.history.empty": "Aucune mise en production pour l'instant.",
    "models.history.caption": "Les mises en production, de la plus récente à la plus ancienne",
    "models.history.column.date": "Date",
    "models.history.column.version": "Version",
    "models.history.column.previous": "Remplace",
    "models.history.column.actor": "Par",
    "models.history.column.reason": "Raison",
    "models.footer":
      "Une mise en production est prise en compte par les services en quelques secondes, sans redémarrage.",
  },
  en: {
    "page.title": "ArchiLab — Digit recognition",
    "nav.skip": "Skip to content",
    "header.tagline": "Neural network lab",
    "language.switch": "Français",
    "language.switch.lang": "fr",
    "language.switch.title": "Afficher la page en français",
    "classify.heading": "Handwritten digit recognition",
    "classify.intro":
      "Draw a digit from 0 to 9 or upload a picture: a convolutional network trained on MNIST tells you what it sees.",
    "draw.heading": "Draw",
    "draw.canvas.label": "Drawing area: draw a digit from 0 to 9",
    "draw.hint":
      "With a mouse, a finger or a pen. With the keyboard: Enter to predict, Delete to clear.",
    "draw.clear": "Clear",
    "draw.predict": "Predict",
    "draw.auto": "Predict automatically after each stroke",
    "upload.heading": "Upload a picture",
    "upload.label": "Choose a picture",
    "upload.drop": "or drop it here (PNG, JPEG…)",
    "upload.chosen": "Analysed picture: {name}",
    "results.heading": "Result",
    "results.empty": "Draw a digit or upload a picture to see the network's answer.",
    "results.busy": "Analysing…",
    "results.verdict": "The network's answer",
    "results.table.caption": "The {count} most probable classes",
    "results.table.class": "Digit",
    "results.table.probability": "Probability",
    "results.model": "Model: {name} v{version}",
    "results.timing": "Inference: {inference} (total: {total})",
    "results.input.caption": "The 28×28 image the network actually received",
    "results.input.alt": "The 28×28 image the network received, enlarged",
    "results.warnings.heading": "Unreliable answer",
    "problem.heading": "Could not get a prediction",
    "problem.status": "Error {status}",
    "problem.request": "Reference: {id}",
    "problem.network.title": "The server does not answer",
    "problem.network.detail":
      "Check your connection or that the lab is running, then try again.",
    "problem.unexpected.title": "Unexpected error",
    "footer.model": "Serving model: {name} v{version}",
    "footer.accuracy": "test-set accuracy: {accuracy}",
    "footer.model.none": "No model is being served yet",
    "footer.health.ok": "Services up",
    "footer.health.degraded": "Services degraded",
    "footer.health.unknown": "Service status unknown",
    "nav.explorer": "Explore the network",
    "nav.classify": "Back to digit recognition",
    "explorer.title": "ArchiLab — Explore the network",
    "explorer.heading": "Explore the convolutional network",
    "explorer.intro":
      "Give the network a picture, then click a layer to see what it does with it: its feature maps, the filters that make them and the areas that counted for the decision.",
    "explorer.input.heading": "Input image",
    "explorer.model.label": "Model version",
    "explorer.model.serving": "{name} v{version} (serving)",
    "explorer.model.option": "{name} v{version}",
    "explorer.model.loading": "Loading models…",
    "explorer.model.none": "No model available",
    "explorer.draw.hint": "Draw a digit with a mouse, a finger or a pen, or upload a picture.",
    "explorer.upload.label": "Upload a picture",
    "explorer.image.none": "No image yet.",
    "explorer.image.drawing": "Image: your drawing",
    "explorer.image.file": "Image: {name}",
    "explorer.network.heading": "The network's layers",
    "explorer.network.hint": "From the input (left) to the output (right). Pick a layer.",
    "explorer.network.label": "Network layers, from input to output",
    "explorer.network.loading": "Loading layers…",
    "explorer.layer.params": "{count} parameters",
    "explorer.layer.field": "Receptive field: {size}×{size} px",
    "explorer.layer.none": "Pick a layer to see what it does.",
    "explorer.layer.shape": "Output: {shape}",
    "explorer.layer.flat": "This layer has no feature maps: its output is a plain vector of {count} numbers, with no spatial dimensions.",
    "explorer.layer.input": "This is the image itself, as the network receives it: it has no feature maps yet. Pick a later layer.",
    "explorer.layer.needImage": "Draw a digit or upload a picture to see this layer's feature maps.",
    "explorer.maps.heading": "Feature maps",
    "explorer.maps.busy": "Computing feature maps…",
    "explorer.maps.alt": "The {count} feature maps of layer {layer}, in a grid",
    "explorer.maps.hint": "Click a map to enlarge it, or choose its number.",
    "explorer.channel.label": "Map no.",
    "explorer.channel.heading": "Map {channel} of {layer}",
    "explorer.channel.alt": "Feature map {channel} of layer {layer}, enlarged",
    "explorer.channel.mean": "Mean activation: {value}",
    "explorer.channel.zeros": "Zero pixels: {value}",
    "explorer.channel.busy": "Loading the map…",
    "explorer.kernel.caption": "The kernel (filter {channel} of {layer}) that makes this map",
    "explorer.kernel.alt": "The weights of filter {channel} of layer {layer}",
    "explorer.kernel.none": "This layer has no kernel of its own for this map.",
    "explorer.kernel.averaged":
      "Each filter of {layer} has one kernel per input channel: the picture shows the mean of its {count} kernels, one per channel of the previous layer.",
    "explorer.kernel.single": "{layer} has a single input channel (the greyscale image): the picture shows its weights as they are.",
    "explorer.tile.label": "Map {channel}",
    "explorer.pattern.caption": "The pattern that excites this filter most",
    "explorer.pattern.alt": "The input pattern that activates filter {channel} of {layer} most",
    "explorer.pattern.busy": "Searching for the pattern (a few seconds the first time)…",
    "explorer.gradcam.heading": "Grad-CAM",
    "explorer.gradcam.toggle": "Overlay Grad-CAM",
    "explorer.gradcam.class": "Explained class",
    "explorer.gradcam.predicted": "Predicted class",
    "explorer.gradcam.busy": "Computing the Grad-CAM map…",
    "explorer.gradcam.alt": "Grad-CAM map overlaid on the input image",
    "explorer.gradcam.caption": "Areas that pushed the network towards “{label}” (layer {layer})",
    "explorer.gradcam.off": "Tick the box to see where the network looked.",
    "explorer.gradcam.scale": "Grad-CAM colour scale, from blue (low attention) to red (high attention)",
    "explorer.gradcam.low": "Low attention",
    "explorer.gradcam.high": "High attention",
    "explorer.glossary.heading": "Small glossary",
    "explorer.stats.caption": "Statistics of each map",
    "explorer.stats.mean": "Mean activation",
    "explorer.stats.zeros": "Zero pixels",
    "explorer.samples.heading": "Or an image from the test set",
    "explorer.samples.loading": "Loading examples…",
    "explorer.samples.none": "No examples for this model.",
    "explorer.samples.name": "Test image #{index} (class {label})",
    "report.heading": "Analysis report",
    "report.intro":
      "The server measures this model on its whole test set and writes a report (filters, feature maps, sparsity, dead filters, selectivity, Grad-CAM, confusions, guided questions).",
    "report.language": "Report language",
    "report.create": "Write the report",
    "report.pdf": "Download the PDF",
    "report.html": "Open the HTML page",
    "report.progress": "Report progress",
    "report.status.sending": "Sending the request…",
    "report.status.running": "Writing the report: {stage} ({percent})",
    "report.status.done": "Report ready (written in {seconds} s).",
    "report.status.failed": "The report could not be written: {error}",
    "report.stage.queued": "waiting",
    "report.stage.running": "starting",
    "report.stage.loading": "loading the model and data",
    "report.stage.measure": "measuring on the test set",
    "report.stage.feature-maps": "feature maps",
    "report.stage.grad-cam": "Grad-CAM",
    "report.stage.patterns": "filter patterns",
    "report.stage.charts": "charts",
    "report.stage.pdf": "laying out the PDF",
    "report.stage.done": "done",
    "layer.Conv2D": "A convolution slides small filters (kernels) over the image and computes, at each position, a weighted sum of the neighbouring pixels. Each filter makes a feature map that lights up where it recognises its pattern (edge, curve, corner…).",
    "layer.MaxPooling2D": "Max pooling cuts each map into small squares and keeps only the strongest value of each. The map gets smaller, the network tolerates small shifts and each next neuron sees a larger area of the image.",
    "layer.BatchNormalization": "Batch normalisation re-centres and rescales each channel with statistics learnt during training. It does not change the shape of the maps but makes learning faster and more stable.",
    "layer.relu": "The ReLU activation replaces every negative value by zero and lets positive ones through. This non-linearity is what makes stacking layers useful; the black areas of the maps are the zeros.",
    "layer.Flatten": "Flatten lays all the maps end to end as one long vector. The spatial layout is lost, but the dense layers that follow can combine every feature.",
    "layer.Dropout": "During training, dropout switches off a random share of the neurons so the network cannot learn by heart. At prediction time it lets everything through.",
    "layer.Dense": "A dense layer connects each of its inputs to each of its neurons through a learnt weight. It combines the features found earlier into higher-level clues, up to one score per digit.",
    "layer.softmax": "Softmax turns the scores of the ten digits into positive probabilities that add up to 1. The digit with the highest probability is the network's answer.",
    "layer.InputLayer": "The input layer receives the 28×28 greyscale image, scaled between 0 and 1. It computes nothing: it fixes the shape of the data.",
    "layer.other": "A {type} layer. It transforms the previous layer's output before passing it on to the next one.",
    "glossary.kernel.term": "Filter (kernel)",
    "glossary.kernel.definition": "A small grid of learnt weights (often 3×3) that the convolution slides over the image to detect a pattern.",
    "glossary.featuremap.term": "Feature map",
    "glossary.featuremap.definition": "The image a filter produces: bright where the filter's pattern is present, dark elsewhere.",
    "glossary.field.term": "Receptive field",
    "glossary.field.definition": "The area of the input image that one pixel of a map “sees”; it grows with every convolution and pooling.",
    "glossary.relu.term": "ReLU",
    "glossary.relu.definition": "The activation function max(0, x): keeps positive values, sets negative ones to zero.",
    "glossary.pooling.term": "Pooling",
    "glossary.pooling.definition": "Shrinking a map by summarising each small area (by its maximum, or its mean).",
    "glossary.gradcam.term": "Grad-CAM",
    "glossary.gradcam.definition": "A method that colours the areas of the image that contributed most to a class's score, using the gradients of the last convolution.",
    // Sentiment page
    "nav.sentiment": "Sentiment analysis",
    "sentiment.title": "ArchiLab — Sentiment analysis",
    "sentiment.heading": "Sentiment analysis",
    "sentiment.intro":
      "Write a review in French or English: a recurrent network (LSTM) says whether it is positive or negative, shows which words counted and how its opinion evolved word after word.",
    "sentiment.input.heading": "Text to analyse",
    "sentiment.text.label": "Your text",
    "sentiment.text.hint": "Ctrl+Enter to analyse.",
    "sentiment.counter": "{count} / {max} characters",
    "sentiment.language.label": "Language of the text",
    "sentiment.language.auto": "Detect automatically",
    "sentiment.language.option.fr": "French",
    "sentiment.language.option.en": "English",
    "sentiment.language.name.fr": "French",
    "sentiment.language.name.en": "English",
    "sentiment.analyse": "Analyse",
    "sentiment.examples.heading": "Examples to try",
    "sentiment.error.empty": "The text is empty: write at least one word.",
    "sentiment.error.long": "The text has {count} characters; the limit is {max}.",
    "sentiment.result.empty": "Write a text or pick an example, then click “Analyse”.",
    "sentiment.result.verdict": "The network's opinion",
    "sentiment.label.positive": "Positive",
    "sentiment.label.negative": "Negative",
    "sentiment.result.positive": "Probability that the text is positive: {value}",
    "sentiment.result.detected": "Detected language: {language}",
    "sentiment.result.hinted": "Given language: {language}",
    "sentiment.result.model": "Model: {name} v{version}",
    "sentiment.explanation.heading": "What counted",
    "sentiment.explanation.empty": "Analyse a text to see the contribution of each word.",
    "sentiment.explanation.failed": "The explanation could not be computed; the verdict above still holds.",
    "sentiment.method.legend": "Colour the words by",
    "sentiment.method.occlusion": "Occlusion",
    "sentiment.method.gradient": "Gradient × input",
    "sentiment.method.hint.occlusion":
      "Occlusion: how much the positive probability changes when the word is removed. Hover a word or walk through them with the arrow keys to see both of its scores.",
    "sentiment.method.hint.gradient_x_input":
      "Gradient × input: the sensitivity of the score to the word's embedding, times that embedding (0 for an unknown word). Hover a word or walk through them with the arrow keys to see both of its scores.",
    "sentiment.tokens.label": "The text, each word coloured by its contribution",
    "sentiment.tokens.direction.positive": "▲ pushes towards positive",
    "sentiment.tokens.direction.negative": "▼ pushes towards negative",
    "sentiment.tokens.direction.neutral": "● nearly neutral",
    "sentiment.tokens.score.occlusion": "occlusion {value}",
    "sentiment.tokens.score.gradient": "gradient × input {value}",
    "sentiment.tokens.oov": "out of vocabulary",
    "sentiment.tokens.oov.note":
      "Greyed words are outside the model's vocabulary: it never saw them in training and treats them all as one unknown word.",
    "sentiment.tokens.legend.negative": "▼ towards negative",
    "sentiment.tokens.legend.positive": "towards positive ▲",
    "sentiment.chart.heading": "The opinion along the text",
    "sentiment.chart.region": "Opinion chart, scrolls sideways",
    "scroll.hint": "Scroll →",
    "sentiment.chart.empty": "No word to plot.",
    "sentiment.chart.axis.y": "Positive probability",
    "sentiment.chart.boundary": "neutral (50%)",
    "sentiment.chart.point": "After “{word}”: {value}",
    "sentiment.chart.label":
      "Line of the positive probability along the {count} words: {start} after the first word (“{first}”), {end} at the end (minimum {min}, maximum {max}).",
    "sentiment.chart.table.caption": "Positive probability after each word",
    "sentiment.chart.table.index": "No.",
    "sentiment.chart.table.word": "Word",
    "sentiment.chart.table.value": "Positive probability",
    "sentiment.compare.heading": "LSTM or large language model?",
    "sentiment.compare.intro":
      "Send the same text to Mistral, a large language model, and compare its answer with the LSTM's.",
    "sentiment.compare.button": "Compare with Mistral",
    "sentiment.compare.busy": "Mistral is reading the text…",
    "sentiment.compare.unavailable.title": "Mistral is not configured on this server",
    "sentiment.compare.unavailable.lstm": "The LSTM analysis is still available.",
    "sentiment.compare.agree": "✓ Both models agree.",
    "sentiment.compare.disagree": "✗ The two models disagree.",
    "sentiment.compare.lstm.heading": "LSTM (this lab)",
    "sentiment.compare.mistral.heading": "Mistral",
    "sentiment.compare.label": "Opinion",
    "sentiment.compare.confidence": "Confidence",
    "sentiment.compare.latency": "Response time",
    "sentiment.compare.model": "Model",
    "sentiment.compare.usage": "Tokens",
    "sentiment.compare.usage.value": "{prompt} in, {completion} out",
    "sentiment.compare.cached": "Cached answer",
    "sentiment.compare.rationale": "Its rationale:",
    "sentiment.cells.heading": "Inside the LSTM cell",
    "sentiment.cells.intro":
      "An LSTM reads the text word by word while keeping a memory: at each word, its gates decide what it writes into it, what it forgets and what it shows. Watch them work on your text.",
    "sentiment.cells.button": "Look inside the LSTM",
    "sentiment.cells.empty": "Analyse a text, then open the cell to watch its gates work word by word.",
    "sentiment.cells.busy": "The network rereads the text, gate by gate…",
    "sentiment.cells.summary":
      "{cell} cell of {name} v{version}: the {units} most telling units out of {total}, over {words} words.",
    "sentiment.cells.region": "Heat map of the cell, scrolls sideways",
    "sentiment.cells.caption": "Inside the cell, word by word: one row per gate and unit, one column per word",
    "sentiment.cells.unit": "Unit",
    "sentiment.cells.direction.forward": "forward {index}",
    "sentiment.cells.direction.backward": "backward {index}",
    "sentiment.cells.correlation": "Correlation with the model's opinion: {value}",
    "sentiment.cells.value": "“{word}”: {value}",
    "sentiment.cells.unread": "not read",
    "sentiment.cells.legend.gates": "Gates: 0 closed → 1 open",
    "sentiment.cells.legend.states": "States: negative ← 0 → positive (each state on its own scale)",
    "sentiment.cells.legend.unread": "Word the model does not read (no letter or digit)",
    // Jobs and models pages
    "nav.jobs": "Training",
    "nav.models": "Models",
    "key.legend": "Your key",
    "key.label": "API key",
    "key.forget": "Forget the key",
    "key.hint":
      "Key from your teacher, kept in this browser. The admin key is printed when the lab first starts (and saved in <ARCHILAB_HOME>/admin.key).",
    "jobs.title": "ArchiLab — Train a model",
    "jobs.heading": "Train a model",
    "jobs.intro":
      "Pick data, an architecture and hyperparameters, start the training on the server and watch the curves being drawn epoch after epoch.",
    "jobs.form.heading": "New training run",
    "jobs.noWorker":
      "No training worker is running on the server: a run launched now will wait in the queue until a worker starts (python -m lab_trainer; archilab up and docker compose start one).",
    "jobs.form.data": "Data and model",
    "jobs.form.hyper": "Hyperparameters",
    "jobs.task.label": "Task",
    "jobs.task.image": "Images (classification)",
    "jobs.task.text": "Texts (sentiment)",
    "jobs.dataset.label": "Dataset",
    "jobs.dataset.loading": "Loading the datasets…",
    "jobs.dataset.none": "No dataset available",
    "jobs.dataset.unavailable": "{id} (unavailable)",
    "jobs.dataset.classes": "{count} classes",
    "jobs.dataset.size": "{count} examples",
    "jobs.dataset.why": "{id}: {reason}",
    "jobs.dataset.why.summary": "Why are some datasets greyed out?",
    "jobs.dataset.missing": "files missing on the server",
    "jobs.architecture.label": "Architecture",
    "jobs.architecture.digits-cnn": "3-block CNN (default)",
    "jobs.architecture.digits-cnn.hint":
      "Three convolution → pooling → normalisation → ReLU blocks, then a dense layer of 128 neurons.",
    "jobs.architecture.tiny-cnn": "Tiny CNN",
    "jobs.architecture.tiny-cnn.hint": "A single 8-filter convolution and a softmax: fast, and weak on purpose.",
    "jobs.architecture.mlp": "Multilayer perceptron (MLP)",
    "jobs.architecture.mlp.hint": "The flattened image and two dense layers, no convolution: for comparison.",
    "jobs.architecture.bilstm": "Bidirectional LSTM (default)",
    "jobs.architecture.bilstm.hint":
      "Word vectorisation, a 64-dimension embedding, a bidirectional LSTM of 64 units.",
    "jobs.architecture.embedding-bag": "Embedding bag",
    "jobs.architecture.embedding-bag.hint":
      "The mean of the word embeddings, no recurrence: a fast baseline.",
    "jobs.architecture.bilstm-pretrained": "Bidirectional LSTM + pretrained vectors",
    "jobs.architecture.bilstm-pretrained.hint":
      "The same bidirectional LSTM, but its word embeddings start from vectors learned on billions of words and stay frozen; compare with random vectors.",
    "jobs.embedding.label": "Word vectors",
    "jobs.embedding.fr-fasttext-300": "French fastText 300 d",
    "jobs.embedding.en-glove-50": "English GloVe 50 d",
    "jobs.embedding.random": "random",
    "jobs.embedding.auto": "from the texts' language",
    "jobs.embedding.fr-fasttext-300.hint":
      "20,000 vectors of 300 dimensions learned by fastText on the French web (Common Crawl and Wikipedia), shipped with spaCy.",
    "jobs.embedding.en-glove-50.hint":
      "400,000 vectors of 50 dimensions learned by GloVe on 6 billion English words (Wikipedia and Gigaword).",
    "jobs.embedding.random.hint":
      "No pretrained vectors: the embedding starts from random values and is learned from your texts. The same model, to measure what the vectors bring.",
    "jobs.embedding.auto.hint":
      "This dataset's language is not known: the server reads it from the texts and takes the French or English vectors.",
    "jobs.embedding.mismatch":
      "Careful: {vectors} word vectors, {texts} texts: few words will have a vector. Worth trying to compare, not to get a good model.",
    "jobs.language.fr": "French",
    "jobs.language.en": "English",
    "jobs.modelName.label": "Model name",
    "jobs.modelName.hint":
      "Default: “{default}”. The recognition and sentiment pages serve “digits”, “sentiment-fr” and “sentiment-en” to the whole class: only a teacher's (admin) key may promote a version of them.",
    "jobs.epochs.label": "Epochs",
    "jobs.batchSize.label": "Batch size",
    "jobs.learningRate.label": "Learning rate",
    "jobs.optimizer.label": "Optimizer",
    "jobs.dropout.label": "Dropout",
    "jobs.validationShare.label": "Validation share",
    "jobs.patience.label": "Patience (early stopping)",
    "jobs.patience.hint":
      "Empty: no early stopping. Otherwise training stops after this many epochs without validation progress.",
    "jobs.augment.label": "Augment the images (small random shifts)",
    "jobs.promote.label": "Promote to production when done",
    "jobs.submit": "Start training",
    "jobs.error.dataset": "Choose an available dataset.",
    "jobs.error.number": "The “{field}” field must hold a number.",
    "jobs.monitor.heading": "Training progress",
    "jobs.monitor.empty": "Start a training run, or pick one in the history to follow it.",
    "jobs.monitor.summary": "{dataset} · {architecture} · {epochs} epochs · by {owner}",
    "jobs.monitor.queued": "Waiting for a free training worker…",
    "jobs.monitor.running": "Training on the server.",
    "jobs.monitor.cancelling": "Cancellation requested: training stops at the end of the current batch.",
    "jobs.monitor.failed": "Training failed: {error}",
    "jobs.monitor.cancelled": "Training cancelled.",
    "jobs.monitor.duration": "Duration: {duration}.",
    "jobs.monitor.test": "On the test set: accuracy {accuracy}, loss {loss}.",
    "jobs.monitor.test.accuracy": "Accuracy on the test set: {accuracy}.",
    "jobs.monitor.model": "Version produced: {name} v{version}.",
    "jobs.monitor.model.promoted": "Version produced and promoted to production: {name} v{version}.",
    "jobs.monitor.model.link": "See {name} v{version} in the models",
    "jobs.progress.label": "Training progress",
    "jobs.progress.epoch": "epoch {epoch} of {epochs}",
    "jobs.progress.eta": "about {eta} left",
    "jobs.progress.reconnecting": "connection lost, reconnecting…",
    "jobs.progress.polling": "followed by reading it every 2 s",
    "jobs.cancel": "Cancel training",
    "jobs.status.queued": "Queued",
    "jobs.status.running": "Running",
    "jobs.status.succeeded": "Succeeded",
    "jobs.status.failed": "Failed",
    "jobs.status.cancelled": "Cancelled",
    "jobs.log.heading": "Log",
    "jobs.log.empty": "Nothing yet.",
    "jobs.log.status": "Status: {status}",
    "jobs.log.attempt": " (attempt {attempt})",
    "jobs.log.epoch": "Epoch {epoch}: loss {loss}, accuracy {accuracy}.",
    "jobs.log.validation": "Validation: loss {loss}, accuracy {accuracy}.",
    "jobs.curves.empty": "The curves appear with the first measurements.",
    "jobs.curves.loss.heading": "Loss",
    "jobs.curves.accuracy.heading": "Accuracy",
    "jobs.curves.axis.x": "Epochs",
    "jobs.curves.loss.label.one": "Loss curve: {count} epoch done.",
    "jobs.curves.loss.label.other": "Loss curve: {count} epochs done.",
    "jobs.curves.accuracy.label.one": "Accuracy curve: {count} epoch done.",
    "jobs.curves.accuracy.label.other": "Accuracy curve: {count} epochs done.",
    "jobs.curves.last": "Last epoch: training {train}, validation {validation}.",
    "jobs.curves.last.train": "Last epoch: training {train}.",
    "jobs.curves.legend.train": "training (end of epoch)",
    "jobs.curves.legend.validation": "validation (end of epoch)",
    "jobs.curves.legend.batch": "training, batch after batch",
    "jobs.curves.table.summary": "See the values of each epoch",
    "jobs.curves.table.caption": "Measurements at the end of each epoch",
    "jobs.curves.table.epoch": "Epoch",
    "jobs.curves.table.loss": "Loss",
    "jobs.curves.table.val_loss": "Loss (validation)",
    "jobs.curves.table.accuracy": "Accuracy",
    "jobs.curves.table.val_accuracy": "Accuracy (validation)",
    "jobs.curves.table.seconds": "Seconds",
    "jobs.history.heading": "Training history",
    "jobs.history.refresh": "Refresh",
    "jobs.history.hint": "Click a row to follow or review that training run.",
    "jobs.history.empty": "No training run yet.",
    "jobs.history.caption": "Training runs, newest first",
    "jobs.history.column.watch": "Follow",
    "jobs.history.column.status": "Status",
    "jobs.history.column.dataset": "Data",
    "jobs.history.column.architecture": "Architecture",
    "jobs.history.column.owner": "Team",
    "jobs.history.column.created": "Created",
    "jobs.history.column.duration": "Duration",
    "jobs.history.column.accuracy": "Accuracy (test)",
    "jobs.history.column.model": "Version produced",
    "jobs.history.watch": "View",
    "jobs.history.watch.context": "the run of {created} on {dataset}",
    "jobs.footer": "Training runs on the server: you can close this page and come back later.",
    "models.title": "ArchiLab — Models",
    "models.heading": "Models and versions",
    "models.intro":
      "Every successful training run adds a version to its model. The production version is the one the recognition and sentiment pages serve.",
    "models.list.heading": "Registered models",
    "models.refresh": "Refresh",
    "models.loading": "Loading…",
    "models.list.empty": "No model registered yet.",
    "models.list.caption": "Pick a model to see its versions",
    "models.list.column.name": "Model",
    "models.list.column.task": "Task",
    "models.list.column.versions": "Versions",
    "models.list.column.production": "In production",
    "models.list.column.latest": "Latest",
    "models.task.image-classification": "Images",
    "models.task.text-classification": "Texts",
    "models.none": "none",
    "models.versions.heading": "Versions",
    "models.versions.of": "Versions of {name}",
    "models.versions.choose": "Pick a model in the list.",
    "models.versions.intro": "Compare the versions, then promote the best one to production; this needs a key.",
    "models.versions.empty": "This model has no version.",
    "models.versions.caption": "The versions, newest first",
    "models.versions.region": "Versions table, scrolls sideways",
    "models.list.region": "Models table, scrolls sideways",
    "models.history.region": "Promotion history, scrolls sideways",
    "models.versions.column.version": "Version",
    "models.versions.column.state": "Status",
    "models.versions.column.accuracy": "Accuracy (test)",
    "models.versions.column.dataset": "Data",
    "models.versions.column.config": "Training settings",
    "models.versions.column.duration": "Duration",
    "models.versions.column.created": "Created",
    "models.versions.column.action": "Action",
    "models.production": "In production",
    "models.promote": "Promote v{version} to production",
    "models.rollback": "Roll back to v{version}",
    "models.confirm.promote.title": "Promote to production?",
    "models.confirm.promote":
      "Make version {version} of “{name}” the production version? The pages serving this model switch to it within seconds.",
    "models.confirm.rollback.title": "Roll back to an earlier version?",
    "models.confirm.rollback":
      "Put version {version} of “{name}” back in production instead of version {production}? No version is deleted.",
    "dialog.confirm": "Confirm",
    "dialog.cancel": "Cancel",
    "models.loss": "loss {value}",
    "models.config.architecture": "{value}",
    "models.config.epochs": "{value} epochs",
    "models.config.batch_size": "batches of {value}",
    "models.config.optimizer": "{value}",
    "models.config.learning_rate": "rate {value}",
    "models.config.dropout": "dropout {value}",
    "models.config.embedding": "{value} vectors",
    "models.config.all": "All settings",
    "models.owner": "by {owner}",
    "models.job.link": "see the training run",
    "models.yes": "yes",
    "models.no": "no",
    "models.reason.label": "Reason for the promotion (optional)",
    "models.rollback.hint":
      "Rolling back means promoting an older version: no version is ever deleted.",
    "models.promoting": "Promoting v{version}…",
    "models.promoted": "{name} v{version} is now in production.",
    "models.promoted.from": "{name} v{version} is now in production (instead of v{previous}).",
    "models.promoted.reload":
      "The recognition and sentiment pages use it within a few seconds, without a restart.",
    "models.history.heading": "Promotion history",
    "models.history.empty": "No promotion yet.",
    "models.history.caption": "The promotions, newest first",
    "models.history.column.date": "Date",
    "models.history.column.version": "Version",
    "models.history.column.previous": "Replaces",
    "models.history.column.actor": "By",
    "models.history.column.reason": "Reason",
    "models.footer": "The services take a promotion into account within a few seconds, without a restart.",
  },
};

/** @type {Language} */
let currentLanguage = DEFAULT_LANGUAGE;

/** @type {Set<(language: Language) => void>} */
const listeners = new Set();

/**
 * @param {unknown} value
 * @returns {value is Language}
 */
function isLanguage(value) {
  return SUPPORTED_LANGUAGES.includes(/** @type {Language} */ (value));
}

/**
 * The language to start with: `?lang=` first, then the stored choice, then French.
 * @param {Location} location
 * @returns {Language}
 */
export function resolveInitialLanguage(location) {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (isLanguage(fromUrl)) {
    return fromUrl;
  }
  const stored = readStoredLanguage();
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/** @returns {string | null} */
function readStoredLanguage() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage can be disabled (private mode, strict settings).
  }
}

/** @returns {Language} The language the page is displayed in. */
export function getLanguage() {
  return currentLanguage;
}

/**
 * Switch the page language, remember it and notify listeners.
 * @param {Language} language
 * @param {{remember?: boolean}} [options] remember=false skips localStorage.
 */
export function setLanguage(language, { remember = true } = {}) {
  currentLanguage = language;
  document.documentElement.lang = language;
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Not remembered: the choice still holds until the page is left.
    }
  }
  applyTranslations(document);
  for (const listener of listeners) {
    listener(language);
  }
}

/**
 * Call `listener` after every language change.
 * @param {(language: Language) => void} listener
 */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/**
 * Whether `key` has a message in the current language.
 * @param {string} key
 * @returns {boolean}
 */
export function hasTranslation(key) {
  return key in MESSAGES[currentLanguage];
}

/**
 * The message `key` in the current language, with `{name}` placeholders filled.
 * Falls back to French, then to the key itself, so a gap shows instead of breaking.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function translate(key, params = {}) {
  const template = MESSAGES[currentLanguage][key] ?? MESSAGES[DEFAULT_LANGUAGE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (placeholder, name) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/**
 * A probability (0..1) as a percentage: "97,3 %" in French, "97.3%" in English.
 * @param {number} probability
 * @returns {string}
 */
export function formatPercent(probability) {
  return new Intl.NumberFormat(currentLanguage, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(probability);
}

/**
 * A whole number with the language's digit grouping: "1 234" / "1,234".
 * @param {number} value
 * @returns {string}
 */
export function formatInteger(value) {
  return new Intl.NumberFormat(currentLanguage).format(value);
}

/**
 * A duration in milliseconds: "1,2 ms" / "1.2 ms".
 * @param {number} milliseconds
 * @returns {string}
 */
export function formatMilliseconds(milliseconds) {
  return new Intl.NumberFormat(currentLanguage, {
    style: "unit",
    unit: "millisecond",
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(milliseconds);
}

/**
 * Fill every `[data-i18n]` element's text and every `data-i18n-<attr>` attribute
 * under `root`, and the document title.
 * @param {Document | Element} root
 */
export function applyTranslations(root) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = translate(element.getAttribute("data-i18n") ?? "");
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) ?? "";
      element.setAttribute(attribute, translate(key));
    }
  }
  // A page names its title key on <html data-title-key="…">; the default is the classify page's.
  document.title = translate(document.documentElement.dataset.titleKey ?? "page.title");
}

/**
 * Make `button` switch between French and English.
 * @param {HTMLButtonElement} button
 */
export function bindLanguageToggle(button) {
  button.addEventListener("click", () => {
    const next = getLanguage() === "fr" ? "en" : "fr";
    setLanguage(next);
    // Keep an explicit ?lang= in step, or a reload would switch back.
    const url = new URL(window.location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", next);
      window.history.replaceState(null, "", url);
    }
  });
}

/**
 * A number with at most `digits` decimals: "0,125" / "0.125".
 * @param {number} value
 * @param {number} digits
 * @returns {string}
 */
export function formatDecimal(value, digits) {
  return new Intl.NumberFormat(currentLanguage, { maximumFractionDigits: digits }).format(value);
}

/**
 * A moment as a short date and time in the page language: "12/05/2025 14:03".
 * @param {string | null | undefined} isoMoment  ISO 8601, as the API sends it.
 * @returns {string} Empty when there is no valid moment.
 */
export function formatDateTime(isoMoment) {
  const moment = isoMoment ? new Date(isoMoment) : null;
  if (!moment || Number.isNaN(moment.getTime())) {
    return "";
  }
  return new Intl.DateTimeFormat(currentLanguage, { dateStyle: "short", timeStyle: "short" }).format(
    moment,
  );
}

/**
 * A duration in seconds, rounded for reading: "45 s", "3 min 05 s", "1 h 02 min".
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) {
    return `${hours}\u00a0h ${String(minutes).padStart(2, "0")}\u00a0min`;
  }
  if (minutes > 0) {
    return `${minutes}\u00a0min ${String(rest).padStart(2, "0")}\u00a0s`;
  }
  return `${rest}\u00a0s`;
}
