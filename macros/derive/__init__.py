"""The derivations: what the records say together (points, voices, figures, places, editions), on one
Dataset."""
