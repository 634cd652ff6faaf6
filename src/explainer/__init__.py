"""An explainer for "The Warning Signs: 4 Clues Your Muscle Spasms Are Serious".

Pure Python, no Streamlit: load the content in ``data/``, assess a scenario, build the charts.
The public surface is re-exported here; the modules behind it are private to the package.
"""

from explainer.assessment import (
    Assessment,
    CauseFit,
    ClueResult,
    ConditionResult,
    RuleResult,
    SignResult,
    Urgency,
    assess,
    format_value,
    validate_inputs,
)
from explainer.content import Content, DataError, InputSpec, cached_content, load_content
from explainer.rules import When

__all__ = [
    "Assessment",
    "CauseFit",
    "ClueResult",
    "ConditionResult",
    "Content",
    "DataError",
    "InputSpec",
    "RuleResult",
    "SignResult",
    "Urgency",
    "When",
    "assess",
    "cached_content",
    "format_value",
    "load_content",
    "validate_inputs",
]
