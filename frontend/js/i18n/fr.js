// @ts-check
/**
 * Every UI string of the site in French, the default language. `en.js` has the
 * same keys (tests/unit/frontend/test_dictionaries.py checks it); `i18n.js` looks
 * them up.
 */

/** @type {Record<string, string>} */
export const FRENCH = {
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
  "jobs.architecture.dense": "Réseau dense (une couche cachée)",
  "jobs.architecture.dense.hint":
    "L'image aplatie et une seule couche dense de 64 neurones\u00a0: le modèle de référence des défis.",
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
  "jobs.diagnosis.heading": "Diagnostic",
  "jobs.diagnosis.try": "À essayer\u00a0:",
  "jobs.diagnosis.unchecked": "Non vérifié ({count})",
  "jobs.progress.label": "Avancement de l'entraînement",
  "jobs.progress.epoch": "époque {epoch} sur {epochs}",
  "jobs.queue.place": "Place dans la file\u00a0: {position}",
  "jobs.queue.wait": "départ estimé dans {wait}",
  "jobs.queue.starting": "départ imminent",
  "jobs.queue.fair":
    "Les entraînements partent à tour de rôle entre équipes\u00a0; l'attente est estimée d'après la durée des derniers entraînements.",
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
  "nav.teams": "Équipes",
  "signIn.checking": "Clé d'équipe enregistrée dans ce navigateur\u00a0; vérification…",
  "signIn.team":
    "Connecté comme équipe «\u00a0{team}\u00a0»\u00a0: la clé est enregistrée dans ce navigateur.",
  "signIn.admin": "Connecté avec une clé d'administration, enregistrée dans ce navigateur.",
  "signIn.refused":
    "Cette clé est inconnue ou révoquée\u00a0: elle n'a pas été gardée. Demandez une nouvelle feuille à votre enseignant.",
  "signIn.unreachable":
    "Clé enregistrée, mais le serveur ne répond pas\u00a0: impossible de vérifier l'équipe pour l'instant.",
  "teams.title": "ArchiLab — Équipes",
  "teams.heading": "Équipes",
  "teams.intro":
    "Créez d'un coup les clés des équipes de la séance, imprimez une feuille par équipe avec son QR code de connexion, et révoquez-les toutes à la fin.",
  "teams.create.heading": "Créer les clés d'équipe",
  "teams.key.legend": "Clé d'administration",
  "teams.key.hint":
    "La clé d'administration, affichée au premier démarrage (et enregistrée dans <ARCHILAB_HOME>/admin.key).",
  "teams.mode.legend": "Les équipes",
  "teams.mode.count": "Un nombre d'équipes (equipe-1, equipe-2…)",
  "teams.count.label": "Nombre d'équipes (1 à 40)",
  "teams.mode.names": "Leurs noms",
  "teams.names.label": "Noms des équipes, un par ligne",
  "teams.names.hint":
    "Accents, majuscules et espaces sont convertis\u00a0: «\u00a0Équipe Rouge\u00a0» devient equipe-rouge.",
  "teams.address.legend": "Adresse pour les élèves",
  "teams.address.label": "Adresse du site vue des postes des élèves",
  "teams.address.hint": "Les QR codes ouvrent cette adresse.",
  "teams.address.local":
    "Cette adresse ne désigne que cet ordinateur\u00a0: les téléphones des élèves ne l'atteindront pas. Mettez l'adresse du serveur sur le réseau de la salle (par exemple http://192.168.1.10:8000).",
  "teams.create": "Créer les clés",
  "teams.creating": "Création des clés…",
  "teams.created": "{count} clé(s) d'équipe créée(s)\u00a0: imprimez les feuilles ci-dessous.",
  "teams.end.heading": "Fin de séance",
  "teams.end.hint":
    "Les clés d'équipe cessent toutes de fonctionner\u00a0; la clé d'administration reste valable.",
  "teams.revoke": "Révoquer toutes les clés d'équipe",
  "teams.revoke.title": "Révoquer toutes les clés d'équipe\u00a0?",
  "teams.revoke.text":
    "Aucune équipe ne pourra plus lancer d'entraînement ni promouvoir de modèle avec sa clé\u00a0; les feuilles imprimées ne serviront plus. Leurs entraînements et modèles sont conservés.",
  "teams.revoked": "{count} clé(s) d'équipe révoquée(s).",
  "teams.list.heading": "Clés existantes",
  "teams.list.refresh": "Afficher les clés",
  "teams.list.empty": "Aucune clé.",
  "teams.list.role": "Rôle",
  "teams.list.team": "Équipe",
  "teams.list.prefix": "Début de la clé",
  "teams.list.created": "Créée",
  "teams.list.state": "État",
  "teams.list.live": "en service",
  "teams.list.revoked": "révoquée le {date}",
  "teams.role.admin": "administration",
  "teams.role.team": "équipe",
  "teams.sheets.heading": "Feuilles à imprimer",
  "teams.print": "Imprimer les feuilles",
  "teams.sheets.once":
    "Imprimez-les maintenant\u00a0: les clés ne sont montrées qu'une fois et disparaissent si vous quittez la page.",
  "teams.sheet.id": "Nom de l'équipe dans ArchiLab\u00a0: {team}",
  "teams.sheet.qr": "QR code de connexion de l'équipe {team}",
  "teams.sheet.link": "Ou ouvrez ce lien\u00a0:",
  "teams.sheet.step1":
    "Scannez le QR code avec un téléphone, ou tapez le lien dans le navigateur de l'ordinateur de l'équipe.",
  "teams.sheet.step2":
    "La page enregistre la clé de l'équipe dans ce navigateur et affiche le nom de l'équipe\u00a0: vous pouvez lancer vos entraînements.",
  "teams.sheet.step3":
    "Gardez cette feuille pour votre équipe\u00a0: la clé donne accès à vos entraînements. Elle est révoquée à la fin de la séance.",
  "teams.footer":
    "Le lien de chaque feuille porte la clé après «\u00a0#\u00a0»\u00a0: le navigateur ne l'envoie jamais au serveur.",
  "nav.challenges":
    "Défis",
  "challenges.title":
    "ArchiLab — Défis",
  "challenges.heading":
    "Défis",
  "challenges.intro":
    "Améliorez un modèle volontairement faible\u00a0: lisez son diagnostic, lancez des expériences, soumettez la meilleure. Le score se mesure sur une partie cachée des données.",
  "challenges.key.hint":
    "La clé de votre équipe, ou celle d'administration pour l'enseignant.",
  "challenges.key.none":
    "Saisissez une clé pour voir les défis.",
  "challenges.key.admin":
    "Connecté comme enseignant (clé d'administration).",
  "challenges.key.team":
    "Connecté comme équipe «\u00a0{team}\u00a0».",
  "challenges.list.heading":
    "Les défis",
  "challenges.list.empty":
    "Aucun défi ouvert pour l'instant.",
  "challenges.list.emptyAdmin":
    "Aucun défi\u00a0: créez-en un ci-contre.",
  "challenges.create.heading":
    "Créer un défi",
  "challenges.template.label":
    "Modèle de défi",
  "challenges.template.unavailable":
    "{id} (indisponible ici)",
  "challenges.template.sizes":
    "Données {dataset}\u00a0: {sizes} exemples.",
  "challenges.split.train":
    "entraînement",
  "challenges.split.validation":
    "validation",
  "challenges.split.public":
    "test public",
  "challenges.split.private":
    "test privé",
  "challenges.quota.label":
    "Soumissions par équipe",
  "challenges.titleField.label":
    "Titre (facultatif)",
  "challenges.create":
    "Créer le défi",
  "challenges.creating":
    "Création du défi et lancement du modèle de référence…",
  "challenges.created":
    "Défi créé (brouillon)\u00a0: le modèle de référence s'entraîne. Ouvrez-le quand les équipes sont prêtes.",
  "challenges.teamsLink":
    "Clés et feuilles des équipes",
  "challenges.loading":
    "Chargement du défi…",
  "challenges.status.draft":
    "Brouillon (invisible des équipes)",
  "challenges.status.open":
    "Ouvert",
  "challenges.status.frozen":
    "Gelé\u00a0: plus de soumission",
  "challenges.status.revealed":
    "Résultats révélés",
  "challenges.run.heading":
    "Conduire le défi",
  "challenges.action.open":
    "Ouvrir",
  "challenges.action.freeze":
    "Geler",
  "challenges.action.reveal":
    "Révéler",
  "challenges.done.open":
    "Défi ouvert\u00a0: les équipes le voient.",
  "challenges.done.freeze":
    "Défi gelé\u00a0: plus aucune soumission n'est acceptée.",
  "challenges.done.reveal":
    "Résultats révélés\u00a0: score privé et classement final.",
  "challenges.export":
    "Exporter en CSV",
  "challenges.projector":
    "Mode projecteur",
  "challenges.projector.exit":
    "Quitter le mode projecteur",
  "challenges.baseline.training":
    "Modèle de référence\u00a0: entraînement en cours.",
  "challenges.baseline.queued":
    "Modèle de référence\u00a0: score en cours de calcul.",
  "challenges.baseline.failed":
    "Modèle de référence\u00a0: le calcul du score a échoué.",
  "challenges.baseline.scored":
    "Modèle de référence\u00a0: {score} sur le test public.",
  "challenges.all.heading":
    "Toutes les soumissions",
  "challenges.all.column.when":
    "Quand",
  "challenges.all.column.team":
    "Équipe",
  "challenges.all.column.job":
    "Entraînement",
  "challenges.all.column.note":
    "Note",
  "challenges.all.column.status":
    "État",
  "challenges.all.column.public":
    "Score public",
  "challenges.all.column.shown":
    "Score affiché",
  "challenges.all.column.private":
    "Score privé",
  "challenges.submissions.none":
    "Aucune soumission pour l'instant.",
  "challenges.rules.heading":
    "Règles",
  "challenges.rules.quota":
    "{quota} soumissions au plus par équipe.",
  "challenges.rules.running":
    "{count} entraînements au plus en même temps par équipe.",
  "challenges.rules.splits":
    "Données\u00a0: {train} images d'entraînement, {validation} de validation\u00a0; {public} de test public et {private} de test privé, cachées.",
  "challenges.rules.hidden":
    "Les images et étiquettes de test ne quittent jamais le serveur\u00a0: vos entraînements ne lisent que l'entraînement et la validation.",
  "challenges.rules.ladder":
    "Le score public affiché ne monte que si le nouveau score dépasse le meilleur d'au moins une erreur type (arrondi à 0,1 point)\u00a0; un gain de moins de deux erreurs types est «\u00a0non significatif\u00a0». Le classement final se fait sur le test privé.",
  "challenges.rules.seed":
    "Partage tiré de la graine {seed}.",
  "challenges.dossier.heading":
    "Le dossier du modèle de référence",
  "challenges.dossier.none":
    "Le modèle de référence n'est pas encore lancé.",
  "challenges.dossier.spec":
    "Architecture {architecture}, optimiseur {optimizer}, taux d'apprentissage {rate}, {epochs} époques, lots de {batch} — {status}.",
  "challenges.dossier.curves":
    "Courbes d'apprentissage",
  "challenges.dossier.diagnosis":
    "Diagnostic automatique",
  "challenges.dossier.waiting":
    "Le diagnostic viendra à la fin de l'entraînement.",
  "challenges.dossier.confusion":
    "Matrice de confusion (validation)",
  "challenges.dossier.confusionCaption":
    "Lignes\u00a0: vraie classe\u00a0; colonnes\u00a0: classe prédite (images de validation\u00a0; une case d'erreurs montre ses images)",
  "challenges.dossier.noConfusion":
    "Pas de matrice de confusion pour cette version du modèle.",
  "challenges.dossier.trueClass":
    "Vraie classe",
  "challenges.dossier.recall":
    "Rappel",
  "confused.show":
    "{count} images de classe {true} prédites {predicted} : les voir",
  "confused.heading":
    "Vraie classe {true}, prédite {predicted} : {count} images de validation, {shown} montrées (erreurs les plus sûres d'abord).",
  "confused.caption":
    "vraie {true}, prédite {predicted} ({probability})",
  "confused.alt":
    "Image de validation n° {position} : vraie classe {true}, prédite {predicted} avec une probabilité de {probability}",
  "confused.leftOut":
    "{count} de ces images ne sont pas montrées : un défi en cours les cache.",
  "confused.none":
    "Aucune image gardée pour cette case.",
  "confused.loading":
    "Chargement des images confondues…",
  "challenges.jobStatus.queued":
    "en attente",
  "challenges.jobStatus.running":
    "en cours",
  "challenges.jobStatus.succeeded":
    "terminé",
  "challenges.jobStatus.failed":
    "échoué",
  "challenges.jobStatus.cancelled":
    "annulé",
  "challenges.experiments.heading":
    "Vos expériences",
  "challenges.launch":
    "Lancer une expérience",
  "challenges.refresh":
    "Actualiser",
  "challenges.remaining":
    "Soumissions restantes\u00a0: {count} sur {quota}.",
  "challenges.closed.draft":
    "Le défi n'est pas encore ouvert.",
  "challenges.closed.frozen":
    "Le défi est gelé\u00a0: plus de soumission.",
  "challenges.closed.revealed":
    "Le défi est terminé\u00a0: résultats révélés.",
  "challenges.jobs.empty":
    "Aucune expérience dans ce défi\u00a0: lancez-en une.",
  "challenges.jobs.title":
    "Entraînement {id} — {architecture}, {epochs} époque(s)",
  "challenges.jobs.validation":
    "validation {value}",
  "challenges.jobs.open":
    "Courbes et diagnostic",
  "challenges.jobs.submitted":
    "Soumis.",
  "challenges.note.label":
    "Note pour {id}\u00a0: ce que vous avez changé et pourquoi",
  "challenges.note.placeholder":
    "Par exemple\u00a0: taux d'apprentissage divisé par 100, la perte oscillait.",
  "challenges.submit":
    "Soumettre",
  "challenges.submitted":
    "Soumission reçue\u00a0: le score est en cours de calcul.",
  "challenges.submissions.heading":
    "Vos soumissions",
  "challenges.submissions.empty":
    "Pas encore de soumission.",
  "challenges.submissions.column.when":
    "Quand",
  "challenges.submissions.column.job":
    "Entraînement",
  "challenges.submissions.column.note":
    "Note",
  "challenges.submissions.column.status":
    "État",
  "challenges.submissions.column.score":
    "Score affiché",
  "challenges.submissions.column.delta":
    "Δ référence",
  "challenges.submissions.column.significant":
    "Significatif\u00a0?",
  "challenges.submission.external":
    "entraîné hors plateforme",
  "challenges.submission.queued":
    "score en cours",
  "challenges.submission.scored":
    "noté",
  "challenges.submission.failed":
    "échec du score (non décompté)",
  "challenges.significant":
    "significatif",
  "challenges.notSignificant":
    "non significatif",
  "challenges.points":
    "{value}\u00a0pts",
  "challenges.leaderboard.heading":
    "Classement",
  "challenges.live.connecting":
    "Connexion au classement en direct…",
  "challenges.live.open":
    "En direct",
  "challenges.live.reconnecting":
    "Connexion perdue, reconnexion…",
  "challenges.board.caption":
    "Classement sur le test public (la référence est épinglée, hors classement)",
  "challenges.board.loading":
    "Chargement du classement…",
  "challenges.board.empty":
    "Aucune équipe classée pour l'instant.",
  "challenges.board.pinned":
    "réf.",
  "challenges.board.baseline":
    "Modèle de référence",
  "challenges.board.column.rank":
    "Rang",
  "challenges.board.column.team":
    "Équipe",
  "challenges.board.column.public":
    "Score public",
  "challenges.board.column.delta":
    "Δ référence",
  "challenges.board.column.errorsRemoved":
    "Erreurs supprimées",
  "challenges.board.column.submissions":
    "Soumissions",
  "challenges.board.column.architecture":
    "Architecture",
  "challenges.board.column.parameters":
    "Paramètres",
  "challenges.board.column.latency":
    "Latence / image",
  "challenges.board.column.last":
    "Dernière soumission",
  "challenges.board.column.private":
    "Score privé",
  "challenges.board.column.finalRank":
    "Rang final",
  "challenges.board.column.rankChange":
    "Évolution",
  "jobs.challenge.bound":
    "Ces entraînements comptent pour le défi «\u00a0{title}\u00a0» (données {dataset}, parties entraînement et validation seulement).",
  "jobs.challenge.back":
    "Retour au défi",
};
