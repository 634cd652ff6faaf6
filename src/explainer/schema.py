"""The JSON Schema of every data file, generated from the types in :mod:`explainer.model`.

An editor with a TOML language server (taplo, VS Code's Even Better TOML) reads ``.taplo.toml`` at the top of the
project, finds the schema of each file in ``data/schema/`` and checks the file as you type: a misspelt field, a
wrong kind of value, a value that is not one of the allowed ones. After changing a type, write them again::

    python -m explainer.schema

(``tests/test_schema.py`` fails while the checked-in files differ from what the types say.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from explainer.model import FILES

__all__ = ["SCHEMA_DIR", "TAPLO_CONFIG", "json_schema", "schema_files"]

SCHEMA_DIR = "schema"  # data/schema/<file>.schema.json
TAPLO_CONFIG = ".taplo.toml"


def json_schema(file_name: str) -> dict[str, Any]:
    """The JSON Schema of one data file, generated from its type (``data/schema/<file>.schema.json``)."""
    schema = msgspec.json.schema(FILES[file_name])
    stem = file_name.removesuffix(".toml")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{file_name}",
            "$id": f"{stem}.schema.json", **schema}


def schema_files(data_dir: Path) -> dict[Path, str]:
    """What ``python -m explainer.schema`` writes: each file's JSON Schema, and the taplo settings that point an
    editor (taplo, Even Better TOML) at them."""
    files = {data_dir / SCHEMA_DIR / f"{name.removesuffix('.toml')}.schema.json":
             json.dumps(json_schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n" for name in FILES}
    rules = "".join(f'\n[[rule]]\ninclude = ["{data_dir.name}/{name}"]\n'
                    f'schema = {{ path = "{data_dir.name}/{SCHEMA_DIR}/{name.removesuffix(".toml")}.schema.json" }}\n'
                    for name in FILES)
    files[data_dir.parent / TAPLO_CONFIG] = (
        "# An editor with a TOML language server (taplo, VS Code's Even Better TOML) checks data/ as you type.\n"
        "# Generated with the schemas: python -m explainer.schema (do not edit by hand).\n" + rules)
    return files


if __name__ == "__main__":  # python -m explainer.schema: write the schemas after changing a type
    from explainer.content import default_data_dir

    for path, text in schema_files(default_data_dir()).items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
