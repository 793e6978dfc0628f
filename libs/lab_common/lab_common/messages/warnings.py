"""Doubts a successful answer carries about its input (``input-warning.<code>``):
the network answers anything, so the server says when what it received looks
unlike what the user meant, and what to change.

Entries are ``(French, English)``.
"""

from __future__ import annotations

INPUT_WARNINGS: dict[str, tuple[str, str]] = {
    "mostly-ink": (
        "L'essentiel du cadre du chiffre est de l'encre : la photo montre peut-être "
        "une zone sombre ou une ombre plutôt que des traits. Photographiez le "
        "chiffre seul, sur un papier bien éclairé.",
        "Most of the digit's box is ink: the picture may show a dark area or a "
        "shadow rather than strokes. Photograph the digit alone, on evenly lit "
        "paper.",
    ),
    "faint-ink": (
        "Les traits se distinguent à peine du papier. Écrivez avec un stylo plus "
        "foncé ou prenez la photo avec plus de lumière.",
        "The strokes barely stand out from the paper. Write with a darker pen or "
        "take the photo in better light.",
    ),
}
