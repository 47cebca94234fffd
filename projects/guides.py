"""What the casebook lends the project pages, registered when it starts (its AppConfig.ready).

The casebook sits above projects: it links its cases to the stages and the methods. So projects
does not import it; the casebook registers

- ``provide_stage_cases(cases)``: ``cases(stage, method="") -> list``, the cases a stage's page
  shows, narrowed to the project's method once it has one;
- ``provide_method_guide(guide)``: a ``MethodGuide``, the handbook's text on each method and each
  principle, in Japanese and English.

Where nothing is registered the pages show no cases and no guide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from projects.choices import Method


@dataclass(frozen=True)
class MethodGuide:
    parts: Callable[[str, str], dict[str, str]]  # (method, language) -> {part: text}
    part_label: Callable[[str, str], str]  # (part, language) -> the part's heading
    principle: Callable[[str, str], str]  # (principle, language) -> the handbook's text


_providers: dict[str, object] = {}


def provide_stage_cases(cases: Callable[..., list]) -> None:
    _providers["stage_cases"] = cases


def provide_method_guide(guide: MethodGuide) -> None:
    _providers["method_guide"] = guide


def stage_cases(stage: str, method: str = "") -> list:
    cases = _providers.get("stage_cases")
    return cases(stage, method=method) if cases else []


def method_guides(language: str) -> list[dict]:
    """Each method with the parts of its guide, in the page's language and the other one."""
    guide = _providers.get("method_guide")
    if guide is None:
        return []
    other = "en" if language == "ja" else "ja"
    return [
        {
            "value": choice.value,
            "label": choice.label,
            "parts": [
                {
                    "label": guide.part_label(part, language),
                    "text": text,
                    "other": guide.parts(choice.value, other)[part],
                }
                for part, text in guide.parts(choice.value, language).items()
            ],
        }
        for choice in Method
    ]


def principle_guide(principle: str, language: str) -> str:
    guide = _providers.get("method_guide")
    return guide.principle(principle, language) if guide else ""
