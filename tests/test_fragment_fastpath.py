"""Variants rendered without Jinja's compiler (the cache holds data only, so cold starts compile from source)
give exactly what Jinja gives: the same text, or the same error, for every variant of the library."""

from __future__ import annotations

import random

from jinja2 import UndefinedError

from docgen.fragments import FragmentLibrary, _LazyTemplate, _make_env, _NoneSlot

VALUES: list[object] = ["甲", "", None, 0, 3, True, False, "乙丙", "《报》"]


def _outcome(template: object, context: dict[str, object]) -> str:
    try:
        return "ok:" + template.render(context)  # type: ignore[attr-defined]
    except _NoneSlot:
        return "none-slot"
    except UndefinedError:
        return "undefined"
    except (TypeError, ValueError) as exc:  # a list slot given a number: both paths fail alike
        return type(exc).__name__


def test_every_variant_renders_as_jinja_renders_it() -> None:
    lib = FragmentLibrary.load()
    env = _make_env()
    rng = random.Random("fastpath")
    fast = 0
    for (fid, vid), lazy in sorted(lib._templates.items()):
        text = lazy._text
        mine = _LazyTemplate(env, text)
        jinja = env.from_string(text)
        slots = sorted(lib._slots_used[(fid, vid)])
        for _ in range(12):
            context = {s: rng.choice(VALUES) for s in slots if rng.random() > 0.05}
            assert _outcome(mine, context) == _outcome(jinja, context), (fid, vid, context)
        fast += mine._parts is not None or (mine._program is not None and mine._compiled is None)
    assert fast > 600
