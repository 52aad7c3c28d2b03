"""Validate: a build's graph checked against the SHACL shapes and its own offsets.

``validate_build(build_dir)`` (``kg.validate.build``, batch by batch in
bounded memory) and ``validate_dataset(ds)`` (``kg.validate.shacl``) give a
``ValidationReport`` (``kg.validate.report``).
"""

from kg.validate.build import validate_build
from kg.validate.shacl import validate_dataset

__all__ = ["validate_build", "validate_dataset"]
