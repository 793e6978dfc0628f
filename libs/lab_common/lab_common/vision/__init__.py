"""Vision: image datasets, the digit CNN, its training function and API bodies.

``datasets``, ``architectures`` and ``training`` need the ``ml`` extra (NumPy,
mlxtend, Keras); only the cnn service and the trainer import them, and
``lab_common/__init__.py`` never does.
"""
