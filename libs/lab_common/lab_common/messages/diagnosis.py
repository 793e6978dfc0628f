"""What the automatic diagnosis of a training job says (``diagnosis.<key>``).

``title.<code>`` names a finding, ``finding.<code>[.<variant>]`` is its sentence
with its numbers, ``try.<code>.<n>`` the things to try, ``unchecked.<reason>``
why a rule could not be checked, ``summary.<status>`` the one-line verdict.
``DIAGNOSIS_TERMS`` are the words its sentences use as ``{name!t}``.
The rules and their thresholds live in ``lab_common.diagnosis``.

Entries are ``(French, English)``.
"""

from __future__ import annotations

DIAGNOSIS: dict[str, tuple[str, str]] = {
    "title.overfitting": ("Sur-apprentissage", "Over-fitting"),
    "title.underfitting": ("Sous-apprentissage", "Under-fitting"),
    "title.not-converged": ("Pas encore convergé", "Not converged"),
    "title.plateau": ("Plateau", "Plateau"),
    "title.diverging": ("Divergence", "Diverging loss"),
    "title.unstable": ("Perte instable", "Unstable loss"),
    "title.errors-concentrated": ("Erreurs concentrées", "Errors concentrated"),
    "finding.overfitting.val-loss": (
        "La perte de validation est remontée de {rise} % au-dessus de son minimum "
        "({best} à l'époque {best_epoch}, {last} à la fin, {since} époques plus "
        "tard) : le modèle apprend par cœur ses exemples d'entraînement.",
        "The validation loss rose {rise}% above its minimum ({best} at epoch "
        "{best_epoch}, {last} at the end, {since} epochs later): the model is "
        "memorising its training examples.",
    ),
    "finding.overfitting.gap": (
        "L'exactitude d'entraînement ({train} %) dépasse celle de validation "
        "({validation} %) de {gap} points (seuil {limit}) : le modèle apprend par "
        "cœur ses exemples d'entraînement.",
        "Training accuracy ({train}%) is {gap} points above validation accuracy "
        "({validation}%, threshold {limit}): the model is memorising its training "
        "examples.",
    ),
    "finding.underfitting": (
        "L'exactitude d'entraînement n'est que de {train} % (seuil {limit} % pour "
        "les {kind!t}) et la validation est au même niveau ({validation} %) : le "
        "modèle n'arrive pas à apprendre la tâche.",
        "Training accuracy is only {train}% (threshold {limit}% for {kind!t}) and "
        "validation is at the same level ({validation}%): the model cannot learn "
        "the task.",
    ),
    "finding.not-converged": (
        "La {metric!t} baissait encore d'au moins {drop} % par époque sur les "
        "{steps} dernières époques ({last} à la fin) : l'entraînement s'est arrêté "
        "trop tôt.",
        "The {metric!t} was still falling by at least {drop}% per epoch over the "
        "last {steps} epochs ({last} at the end): training stopped too early.",
    ),
    "finding.plateau": (
        "La {metric!t} n'a pas gagné plus de {min_delta} en {epochs} époques "
        "(meilleure valeur {best}, {last} à la fin) : l'apprentissage est bloqué "
        "sur un plateau.",
        "The {metric!t} has not improved by more than {min_delta} in {epochs} "
        "epochs (best {best}, {last} at the end): learning is stuck on a plateau.",
    ),
    "finding.diverging": (
        "La {metric!t} est devenue {value!t} à l'époque {epoch} : l'entraînement a "
        "divergé.",
        "The {metric!t} became {value!t} at epoch {epoch}: training diverged.",
    ),
    "finding.unstable": (
        "La {metric!t} fait des allers-retours d'une époque à l'autre : sur les "
        "{epochs} dernières époques, ils valent {oscillation} % de sa moyenne "
        "(seuil {limit} %).",
        "The {metric!t} goes back and forth from one epoch to the next: over the "
        "last {epochs} epochs, its swings are {oscillation}% of its mean "
        "(threshold {limit}%).",
    ),
    "finding.errors-concentrated": (
        "La classe « {worst} » n'est reconnue que dans {recall} % des cas de "
        "validation (seuil {limit} % ; la meilleure, « {best} », dans "
        "{best_recall} %) ; confusion la plus fréquente : « {true} » pris pour "
        "« {predicted} » ({count} fois).",
        "Class “{worst}” is recognised in only {recall}% of validation cases "
        "(threshold {limit}%; the best, “{best}”, in {best_recall}%); most "
        "frequent confusion: “{true}” taken for “{predicted}” ({count} times).",
    ),
    "try.overfitting.1": (
        "Ajoutez du dropout (par exemple 0,3 à 0,5) ou une pénalité L2.",
        "Add dropout (say 0.3 to 0.5) or an L2 penalty.",
    ),
    "try.overfitting.2": (
        "Activez l'arrêt précoce (patience 2 ou 3) : il garde les poids de la "
        "meilleure époque.",
        "Turn on early stopping (patience 2 or 3): it keeps the best epoch's weights.",
    ),
    "try.overfitting.3": (
        "Augmentez les données (images : cochez l'augmentation) ou prenez un "
        "modèle plus petit.",
        "Augment the data (images: tick augmentation) or use a smaller model.",
    ),
    "try.underfitting.1": (
        "Prenez une architecture plus riche (une couche de convolution ou récurrente).",
        "Use a richer architecture (a convolution or recurrent layer).",
    ),
    "try.underfitting.2": ("Entraînez plus d'époques.", "Train for more epochs."),
    "try.underfitting.3": (
        "Montez le taux d'apprentissage (par exemple ×3) ou baissez le dropout.",
        "Raise the learning rate (say ×3) or lower the dropout.",
    ),
    "try.not-converged.1": (
        "Entraînez plus d'époques (par exemple le double).",
        "Train for more epochs (say twice as many).",
    ),
    "try.not-converged.2": (
        "Montez un peu le taux d'apprentissage, ou utilisez un calendrier qui le "
        "baisse en fin d'entraînement.",
        "Raise the learning rate a little, or use a schedule that lowers it "
        "towards the end.",
    ),
    "try.plateau.1": (
        "Divisez le taux d'apprentissage par 10 (ce que fait ReduceLROnPlateau).",
        "Divide the learning rate by 10 (what ReduceLROnPlateau does).",
    ),
    "try.plateau.2": (
        "Activez l'arrêt précoce : les époques suivantes n'apportent plus rien.",
        "Turn on early stopping: further epochs bring nothing.",
    ),
    "try.plateau.3": (
        "Si l'exactitude reste basse, prenez une architecture plus riche.",
        "If the accuracy stays low, use a richer architecture.",
    ),
    "try.diverging.1": (
        "Divisez le taux d'apprentissage par 10.",
        "Divide the learning rate by 10.",
    ),
    "try.diverging.2": (
        "Prenez des lots plus grands (par exemple 128).",
        "Use larger batches (say 128).",
    ),
    "try.diverging.3": (
        "Vérifiez que les entrées sont normalisées et sans valeurs manquantes.",
        "Check that the inputs are normalised and have no missing values.",
    ),
    "try.unstable.1": (
        "Baissez le taux d'apprentissage (÷3 à ÷10).",
        "Lower the learning rate (÷3 to ÷10).",
    ),
    "try.unstable.2": (
        "Prenez des lots plus grands : les gradients seront moins bruités.",
        "Use larger batches: the gradients will be less noisy.",
    ),
    "try.unstable.3": (
        "Ajoutez une normalisation (BatchNormalization) ou passez à Adam.",
        "Add normalisation (BatchNormalization) or switch to Adam.",
    ),
    "try.errors-concentrated.1": (
        "Regardez les exemples de « {true} » pris pour « {predicted} » : "
        "étiquettes douteuses, cas ambigus ?",
        "Look at the examples of “{true}” taken for “{predicted}”: doubtful "
        "labels, ambiguous cases?",
    ),
    "try.errors-concentrated.2": (
        "Ajoutez des exemples de « {worst} » à vos données, ou activez l'augmentation.",
        "Add examples of “{worst}” to your data, or turn on augmentation.",
    ),
    "try.errors-concentrated.3": (
        "Prenez une architecture qui voit mieux les détails qui séparent ces "
        "classes (plus de filtres ou de couches).",
        "Use an architecture that sees the details telling these classes apart "
        "(more filters or layers).",
    ),
    "unchecked.no-validation": (
        "{finding} : non vérifié, ce job n'a pas de données de validation (part "
        "de validation à 0).",
        "{finding}: not checked, this job has no validation data (validation share 0).",
    ),
    "unchecked.too-few-epochs": (
        "{finding} : non vérifié, il faut au moins {needed} époques (ce job en a "
        "{epochs}).",
        "{finding}: not checked, it needs at least {needed} epochs (this job has "
        "{epochs}).",
    ),
    "unchecked.no-confusion": (
        "{finding} : non vérifié, aucune matrice de confusion de validation "
        "n'est enregistrée pour ce job (pas de version de modèle, ou une version "
        "antérieure à ce diagnostic).",
        "{finding}: not checked, no validation confusion matrix is stored for "
        "this job (no model version, or one older than this diagnosis).",
    ),
    "summary.healthy": (
        "Rien à signaler : aucune règle du diagnostic ne s'est déclenchée.",
        "Healthy: no rule of the diagnosis fired.",
    ),
    "summary.healthy-partly": (
        "Rien à signaler sur les {checked} règles vérifiées ; {unchecked} n'ont "
        "pas pu l'être (voir plus bas).",
        "Nothing to report on the {checked} rules checked; {unchecked} could not "
        "be checked (see below).",
    ),
    "summary.findings": (
        "{count} point(s) à regarder.",
        "{count} finding(s) to look at.",
    ),
    "summary.no-epochs": (
        "Aucune époque terminée : rien à diagnostiquer pour l'instant.",
        "No finished epoch: nothing to diagnose yet.",
    ),
}

DIAGNOSIS_TERMS: dict[str, tuple[str, str]] = {
    "loss": ("perte d'entraînement", "training loss"),
    "val_loss": ("perte de validation", "validation loss"),
}
