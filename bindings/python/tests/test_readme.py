"""The repository README's Python example runs as written."""

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[3] / "README.md"


@pytest.mark.skipif(not README.exists(), reason="outside a checkout")
def test_readme_python_example(capsys):
    text = README.read_text(encoding="utf-8")
    section = text.split("### Python", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "tencent-cvm-v2/windows too_short InvalidPassword" in out
    assert "baidu-bcc" in out
