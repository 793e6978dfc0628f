"""Dataset uploads and previews: only the gateway imports datasets or shows them.

``uploads.import_upload`` validates an upload (``archives``, ``image_uploads``,
``text_uploads``, ``rules``) and stores it in the format that
``lab_common.datasets.stored`` reads; ``preview.preview_dataset`` shows class
counts and examples. Loading a dataset by id is ``lab_common.datasets.catalogue``.
"""
