"""The JSON Schemas in data/schema/ (for editors) are the types' own, up to date, and the data files pass them."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest

from explainer.model import FILES
from explainer.schema import schema_files
from tests.conftest import DATA

WRITTEN = schema_files(DATA)


@pytest.mark.parametrize("path", sorted(WRITTEN), ids=lambda p: p.name)
def test_the_checked_in_schema_is_what_the_types_say(path: object) -> None:
    assert path.exists(), f"{path} is missing: run  python -m explainer.schema"
    assert path.read_text(encoding="utf-8") == WRITTEN[path], f"{path} is stale: run  python -m explainer.schema"


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_data_file_passes_its_schema(name: str) -> None:
    schema = json.loads((DATA / "schema" / f"{name.removesuffix('.toml')}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(tomllib.loads((DATA / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize(("name", "old", "new"), [
    ("inputs.toml", 'kind = "flag"', 'kind = "switch"'),
    ("signs.toml", "threshold = 7", "threshhold = 7"),
    ("labs.toml", "to_main = 4.008", "to_main = 0"),
    ("sources.toml", 'url = "https://www.nhs.uk/conditions/leg-cramps/"', 'url = "http://nhs.uk"'),
    ("room.toml", 'start = "Start a room vote"', 'strat = "Start a room vote"'),
    ("room.toml", 'join = "Join"', 'join = ""'),
])
def test_an_editor_flags_what_the_loader_refuses(name: str, old: str, new: str) -> None:
    schema = json.loads((DATA / "schema" / f"{name.removesuffix('.toml')}.schema.json").read_text(encoding="utf-8"))
    text = (DATA / name).read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomllib.loads(text.replace(old, new, 1)), schema, cls=jsonschema.Draft202012Validator)
