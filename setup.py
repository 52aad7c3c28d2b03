"""Build hook: ship ``ontology/`` inside the package as ``kg/data/ontology/``.

The ontology folder is the source of truth at the top of the repository (where
researchers look for it); an installed wheel has no repository, so the build
copies it into the package, where ``kg.rdf.ontology.ontology_dir()`` finds it.
Everything else is in ``setup.cfg``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ONTOLOGY_FILES = ("*.ttl", "*.jsonld", "*.md", "queries/*.rq")


class BuildPyWithOntology(build_py):
    """``build_py`` that also copies ``ontology/`` to ``kg/data/ontology/``."""

    def run(self):
        super().run()
        source = Path(__file__).resolve().parent / "ontology"
        target = Path(self.build_lib) / "kg" / "data" / "ontology"
        for pattern in ONTOLOGY_FILES:
            for path in source.glob(pattern):
                dest = target / path.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)


setup(cmdclass={"build_py": BuildPyWithOntology})
