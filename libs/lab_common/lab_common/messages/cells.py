"""What the inside of a recurrent cell shows (``cell.<key>``): each gate's and
state's name and two-sentence explanation, the rule that picks the units shown,
how a word's column is read, and the heat map's labels.

``cell.label.<signal>`` names a gate or state; ``cell.<kind>.<signal>``
explains it for that kind of cell (``lstm``, ``gru``, ``simple-rnn``).
Entries are ``(French, English)``.
"""

from __future__ import annotations

CELLS: dict[str, tuple[str, str]] = {
    "label.input": ("Porte d'entrée", "Input gate"),
    "label.forget": ("Porte d'oubli", "Forget gate"),
    "label.output": ("Porte de sortie", "Output gate"),
    "label.update": ("Porte de mise à jour", "Update gate"),
    "label.reset": ("Porte de réinitialisation", "Reset gate"),
    "label.cell_state": ("État de cellule", "Cell state"),
    "label.hidden_state": ("État caché", "Hidden state"),
    "lstm.input": (
        "La porte d'entrée décide quelle part du mot lu est écrite dans la mémoire "
        "de la cellule. Proche de 1, le mot y entre ; proche de 0, il est presque "
        "ignoré.",
        "The input gate decides how much of the word just read is written into "
        "the cell's memory. Near 1 the word goes in; near 0 it is mostly ignored.",
    ),
    "lstm.forget": (
        "La porte d'oubli décide quelle part de la mémoire est gardée d'un mot au "
        "suivant. Proche de 1, la cellule se souvient de ce qu'elle a lu ; proche "
        "de 0, elle l'efface pour faire place à la suite.",
        "The forget gate decides how much of the memory is kept from one word to "
        "the next. Near 1 the cell remembers what it has read; near 0 it wipes it "
        "to make room for what follows.",
    ),
    "lstm.output": (
        "La porte de sortie décide quelle part de la mémoire la cellule montre au "
        "reste du réseau après ce mot. La mémoire peut garder une information sans "
        "la montrer tout de suite.",
        "The output gate decides how much of the memory the cell shows to the rest "
        "of the network after this word. The memory can hold on to something "
        "without showing it yet.",
    ),
    "lstm.cell_state": (
        "L'état de cellule est la mémoire à long terme : il ajoute ce que la porte "
        "d'entrée laisse passer à ce que la porte d'oubli garde. C'est lui qui "
        "peut porter une opinion sur de nombreux mots.",
        "The cell state is the long-term memory: it adds what the input gate lets "
        "in to what the forget gate keeps. It is what can carry an opinion across "
        "many words.",
    ),
    "lstm.hidden_state": (
        "L'état caché est ce que la cellule donne après chaque mot : sa mémoire, "
        "filtrée par la porte de sortie. C'est ce que lisent la couche suivante et "
        "la cellule elle-même au mot suivant.",
        "The hidden state is what the cell gives out after each word: its memory, "
        "filtered by the output gate. It is what the next layer reads, and the "
        "cell itself at the next word.",
    ),
    "gru.update": (
        "La porte de mise à jour décide combien de l'ancien état garder face à ce "
        "que propose le mot lu. Proche de 1, l'état ne bouge presque pas ; proche "
        "de 0, il est remplacé par la proposition du mot.",
        "The update gate decides how much of the old state to keep against what "
        "the word just read proposes. Near 1 the state barely moves; near 0 it is "
        "replaced by the word's proposal.",
    ),
    "gru.reset": (
        "La porte de réinitialisation décide quelle part de l'ancien état sert à "
        "calculer la proposition du mot. Proche de 0, le mot est lu presque comme "
        "s'il ouvrait le texte.",
        "The reset gate decides how much of the old state is used to compute the "
        "word's proposal. Near 0 the word is read almost as if it opened the text.",
    ),
    "gru.hidden_state": (
        "L'état caché est la seule mémoire du GRU : il n'a pas d'état de cellule "
        "séparé. Chaque mot le fait glisser vers sa proposition, autant que la "
        "porte de mise à jour le permet.",
        "The hidden state is the GRU's only memory: it has no separate cell state. "
        "Each word moves it towards its proposal, as far as the update gate allows.",
    ),
    "simple-rnn.hidden_state": (
        "L'état caché est la seule mémoire de ce réseau récurrent simple, qui n'a "
        "aucune porte. Il est recalculé en entier à chaque mot, si bien que le "
        "début d'un long texte s'y efface vite.",
        "The hidden state is the only memory of this simple recurrent network, "
        "which has no gates. It is recomputed in full at every word, so the start "
        "of a long text soon fades from it.",
    ),
    "selection.cell_state": (
        "Les {count} unités montrées, sur {total} (sens avant et arrière "
        "confondus), sont celles dont l'état de cellule suit le mieux l'opinion du "
        "modèle : la plus forte corrélation de Pearson, en valeur absolue, entre "
        "cet état après chaque mot et la probabilité positive du texte jusqu'à ce "
        "mot.",
        "The {count} units shown, out of {total} (forward and backward together), "
        "are those whose cell state tracks the model's opinion best: the largest "
        "absolute Pearson correlation between that state after each word and the "
        "positive probability of the text up to that word.",
    ),
    "selection.hidden_state": (
        "Les {count} unités montrées, sur {total} (sens avant et arrière "
        "confondus), sont celles dont l'état caché suit le mieux l'opinion du "
        "modèle : la plus forte corrélation de Pearson, en valeur absolue, entre "
        "cet état après chaque mot et la probabilité positive du texte jusqu'à ce "
        "mot.",
        "The {count} units shown, out of {total} (forward and backward together), "
        "are those whose hidden state tracks the model's opinion best: the largest "
        "absolute Pearson correlation between that state after each word and the "
        "positive probability of the text up to that word.",
    ),
    "columns": (
        "Chaque colonne montre la cellule juste après qu'elle a lu le mot entier "
        "(« l'acteur » se lit « l » puis « acteur » ; le sens arrière lit le texte "
        "depuis la fin). Un mot sans lettre ni chiffre, comme « ! », n'est pas lu : "
        "ses portes restent vides et ses états sont ceux du mot voisin.",
        "Each column shows the cell just after it has read the whole word "
        '("l\'acteur" is read as "l" then "acteur"; the backward direction '
        "reads the text from its end). A word without a letter or digit, like "
        '"!", is not read: its gates stay empty and its states are those of the '
        "neighbouring word.",
    ),
    "direction.forward": ("avant", "fwd"),
    "direction.backward": ("arrière", "bwd"),
    "heatmap.title": (
        "{name} v{version} : l'intérieur de la cellule {cell}, mot après mot",
        "{name} v{version}: inside the {cell} cell, word by word",
    ),
    "heatmap.unread": (
        "Gris : mot non lu (sans lettre ni chiffre).",
        "Grey: word not read (no letter or digit).",
    ),
}
