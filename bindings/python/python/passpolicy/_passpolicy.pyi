import os
from typing import (
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    final,
)

__version__: str

class PolicyInfo(TypedDict):
    id: str
    variants: List[str]
    vendor: str
    product: str

def policies() -> List[PolicyInfo]:
    """The built-in policies."""

class PolicyError(ValueError):
    """An unknown policy id or variant, policies no password can satisfy, a
    length the policies do not allow, an entropy no allowed length reaches."""

class ParameterError(PolicyError):
    """A policy parameter no selected policy declares, a value the parameter
    does not allow, or a parameter file that cannot be read. The message
    names the parameter and what it takes, never the value given."""

ParamValue = Union[str, int, bool, "os.PathLike[str]", Sequence[str]]

@final
class Violation:
    """One reason a policy refuses a password. Never holds the password."""

    @property
    def code(self) -> str: ...
    @property
    def policy(self) -> str: ...
    @property
    def vendor_code(self) -> Optional[str]: ...
    @property
    def detail(self) -> dict: ...
    def message(self, lang: str = "en") -> str:
        """The message in "en" or "zh"."""

@final
class Checker:
    """Compiled policies (all must hold). Immutable; safe to share between
    threads; releases the GIL where it computes."""

    def __init__(
        self,
        policies: Union[str, Sequence[str]],
        user: Optional[str] = None,
        *,
        display_name: Optional[str] = None,
        params: Optional[Mapping[str, ParamValue]] = None,
    ) -> None:
        """`user`: the account for user-name rules; `display_name`: its
        display name for display-name rules (Windows AD); `params`: policy
        parameters by name, as the CLI's `--param` (bool: ON/OFF; a file
        parameter takes a path, or its lines as a list or tuple of str).
        Raises ParameterError, PolicyError."""
    def accepts(self, password: Union[str, bytes]) -> bool: ...
    def check(self, password: Union[str, bytes]) -> List[Violation]: ...
    def generate(
        self, length: Optional[int] = None, min_entropy: Optional[float] = None
    ) -> str: ...
    def entropy_bits(self, length: Optional[int] = None) -> float: ...
    def explain(self, lang: str = "en") -> str: ...
    @property
    def default_length(self) -> int: ...
    @property
    def length_bounds(self) -> Tuple[int, int]: ...
    @property
    def policies(self) -> List[str]: ...
