"""Cloud vendors' password rules: check a password before the API call and
learn every reason the vendor would refuse it; generate passwords the vendor
is guaranteed to accept, uniformly at random, with their exact entropy.

>>> import passpolicy
>>> c = passpolicy.Checker(["tencent-cvm-v2/windows"])
>>> c.accepts("abc123ABC!@#")
True
>>> [v.code for v in c.check("short")]
['too_short', 'not_enough_classes']
"""

from ._passpolicy import (
    Checker,
    ParameterError,
    PolicyError,
    Violation,
    __version__,
    policies,
)

__all__ = [
    "Checker",
    "ParameterError",
    "PolicyError",
    "Violation",
    "__version__",
    "policies",
]
