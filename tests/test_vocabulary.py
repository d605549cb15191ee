"""CONTRIBUTING's allowed values are generated from the models and checked for staleness."""

from __future__ import annotations

import shutil

from macros.core.models import Source
from macros.core.terms import EVENT_TYPES, INTER_CODES
from macros.views import vocabulary
from tests.conftest import PROJECT


def test_contributing_lists_the_allowed_values_of_today_s_models():
    assert vocabulary.main(["--check"]) == 0


def test_every_value_the_loader_accepts_is_listed():
    block = vocabulary.render_block()
    values = [v for _, _, vs in vocabulary.allowed_values() for v in vs if v is not True]
    values += [*EVENT_TYPES, *(s for subs in EVENT_TYPES.values() for s in subs), *INTER_CODES]
    assert [v for v in values if f"`{v}`" not in block] == []
    assert ("sources", "kind", tuple(Source.model_fields["kind"].annotation.__args__)) in vocabulary.allowed_values()


def test_a_stale_block_fails_the_check_and_is_rewritten(tmp_path):
    copy = tmp_path / "CONTRIBUTING.md"
    shutil.copy(PROJECT / "CONTRIBUTING.md", copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("`official statement`, ", ""), encoding="utf-8")
    assert vocabulary.main(["--check"], copy) == 1
    assert vocabulary.main([], copy) == 0
    assert copy.read_text(encoding="utf-8") == (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
