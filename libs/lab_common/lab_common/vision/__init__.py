"""Image datasets, model architectures and training for the digit classifier.

Imports numpy, mlxtend and Keras: only the cnn service and the trainer use it, and
``lab_common/__init__.py`` never imports it.
"""
