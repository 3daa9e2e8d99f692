"""Ships the top-level ``styles/`` folder inside the package as ``reader/styles``.

pyproject.toml cannot both auto-discover packages and map an extra folder into one, so this
small shim adds the mapping; everything else lives in pyproject.toml.
"""

from setuptools import find_packages, setup

packages = find_packages(include=["reader", "reader.*"]) + ["reader.styles"]
setup(
    packages=packages,
    package_dir={"reader.styles": "styles"},
    package_data={"reader": ["data/**/*", "py.typed"], "reader.nlp": ["data/*.json.gz"],
                  "reader.styles": ["*.tcss"]},
)
