"""Datasets: what each one is, how it is read, and how it is split (issues 5, 12).

Leaves, each usable alone and none importing the catalogue:

- ``errors``: the problems of loading a dataset (unknown id, course files absent).
- ``splits``: seeded, stratified train/validation/test rows and their manifest.
- ``images`` / ``image_readers``: ``ImageDataset``, the built-in image entries and
  how their files are read.
- ``texts`` / ``downloads``: the course's sentiment CSVs, their splits, the mirror.
- ``schemas`` / ``stored``: a dataset's description, and reading a stored upload.

Above them, ``catalogue`` is the one place that lists datasets and loads one by
id (``load_image_dataset``, ``load_text_dataset``), with the one cache. Importing
this package imports nothing, so a leaf never drags the catalogue in.
"""
