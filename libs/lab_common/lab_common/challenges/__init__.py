"""Phase 3 challenges: templates, hidden splits, the ladder rule and the rules of play.

No TensorFlow here: the gateway checks and lists, the trainer trains on a
challenge's train and validation splits and scores on its hidden ones.
"""
