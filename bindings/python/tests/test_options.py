"""Checker(display_name=..., params={...}): policy parameters and the
display name, as the CLI's --param and --display-name."""

import pathlib

import pytest

import passpolicy


def codes(checker, password):
    return [v.code for v in checker.check(password)]


def test_mysql_strong_dictionary_refuses_the_issue_example(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("password\n", encoding="utf-8")
    c = passpolicy.Checker(
        "mysql-validate-password",
        user="app",
        params={"policy": "STRONG", "dictionary_file": str(words)},
    )
    assert "dictionary_word" in codes(c, "MyPassword1!")
    assert not c.accepts("MyPassword1!")
    # The dictionary is what refuses it: without the file, and with MEDIUM
    # (the dictionary is STRONG's), the same password passes.
    plain = passpolicy.Checker("mysql-validate-password", user="app", params={"policy": "STRONG"})
    assert plain.accepts("MyPassword1!")
    medium = passpolicy.Checker(
        "mysql-validate-password", user="app", params={"policy": 1, "dictionary_file": words}
    )
    assert medium.accepts("MyPassword1!")
    assert "equals_username" in codes(c, "app")
    for _ in range(20):
        assert c.accepts(c.generate())


def test_explain_shows_bound_values_after_the_file_is_gone(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("password\n", encoding="utf-8")
    c = passpolicy.Checker(
        "mysql-validate-password", params={"policy": "strong", "dictionary_file": words}
    )
    words.unlink()
    text = c.explain()
    assert "STRONG" in text and str(words) in text
    assert "MyPassword1!" not in text
    assert not c.accepts("MyPassword1!")


def test_a_file_parameter_takes_its_lines_as_a_list():
    for lines in (["password"], ("secret", "password")):
        c = passpolicy.Checker(
            "mysql-validate-password",
            user="app",
            params={"policy": "STRONG", "dictionary_file": lines},
        )
        assert "dictionary_word" in codes(c, "MyPassword1!")
        assert "list of" in c.explain()
    # An empty list is an empty dictionary: nothing refused for words.
    empty = passpolicy.Checker(
        "mysql-validate-password", params={"policy": "STRONG", "dictionary_file": []}
    )
    assert empty.accepts("MyPassword1!")
    with pytest.raises(ValueError):
        passpolicy.Checker("mysql-validate-password", params={"dictionary_file": ["a\nb"]})
    with pytest.raises(TypeError):
        passpolicy.Checker("mysql-validate-password", params={"dictionary_file": [1]})
    # A list for a parameter that is not a file is a ParameterError.
    with pytest.raises(passpolicy.ParameterError):
        passpolicy.Checker("mysql-validate-password", params={"length": ["8"]})


def test_parameter_value_kinds():
    # bool → OFF: the user-name check is off, so the user's name passes.
    off = passpolicy.Checker(
        "mysql-validate-password", user="Abcdef1!x", params={"check_user_name": False}
    )
    on = passpolicy.Checker(
        "mysql-validate-password", user="Abcdef1!x", params={"check_user_name": True}
    )
    assert off.accepts("Abcdef1!x")
    assert "equals_username" in codes(on, "Abcdef1!x")
    # int: the length.
    c = passpolicy.Checker("mysql-validate-password", params={"length": 12})
    assert "too_short" in codes(c, "Abcdef1!xyz")  # 11 characters
    assert c.accepts("Abcdef1!xyzw")
    with pytest.raises(TypeError):
        passpolicy.Checker("mysql-validate-password", params={"length": 1.5})
    with pytest.raises(TypeError):
        passpolicy.Checker("mysql-validate-password", params={1: "x"})


def test_windows_ad_display_name():
    c = passpolicy.Checker(
        ["windows-ad"],
        user="jdoe",
        display_name="John Q. Doe-Smith",
        params={"minimum_password_length": "10"},
    )
    assert "contains_display_name" in codes(c, "Smith#2024x")
    assert "contains_display_name" in codes(c, "sMITH#2024x")
    assert c.accepts("Q-Do#2024xx")  # tokens of 2 or fewer characters
    assert "too_short" in codes(c, "Abc#2024x")
    without = passpolicy.Checker(["windows-ad"], user="jdoe")
    assert without.accepts("Smith#2024x")
    assert without.accepts("Abc#2024x")  # the default minimum is 7
    assert repr(c) == 'Checker(["windows-ad"], user="jdoe", display_name="John Q. Doe-Smith")'
    # Parameter values are not in the repr.
    assert "10" not in repr(c)


@pytest.mark.parametrize(
    "pid, params, in_message",
    [
        ("mysql-validate-password", {"polcy": "STRONG"}, "policy"),
        ("mysql-validate-password", {"policy": "Hunter2-secret"}, "LOW"),
        ("mysql-validate-password", {"length": -1}, "length"),
        ("mysql-validate-password", {"check_user_name": "maybe"}, "ON or OFF"),
        (
            "mysql-validate-password",
            {"dictionary_file": "/nonexistent/passpolicy-words.txt"},
            "passpolicy-words.txt",
        ),
        ("baidu-bcc", {"length": 8}, "baidu-bcc"),
    ],
)
def test_parameter_errors(pid, params, in_message):
    with pytest.raises(passpolicy.ParameterError) as e:
        passpolicy.Checker(pid, params=params)
    assert in_message in str(e.value)
    assert "Hunter2" not in str(e.value)
    assert isinstance(e.value, passpolicy.PolicyError)


@pytest.mark.parametrize("kw", [{"user": ""}, {"user": "  "}, {"display_name": ""}, {"display_name": " \t"}])
def test_blank_names_are_refused(kw):
    with pytest.raises(passpolicy.PolicyError) as e:
        passpolicy.Checker("windows-ad", **kw)
    assert "blank" in str(e.value)
    assert not isinstance(e.value, passpolicy.ParameterError)


def test_unknown_id_is_still_a_policy_error():
    with pytest.raises(passpolicy.PolicyError) as e:
        passpolicy.Checker("baidu-bc", params={"length": 8})
    assert not isinstance(e.value, passpolicy.ParameterError)


def test_stubs_name_the_new_keywords():
    stub = pathlib.Path(passpolicy.__file__).with_name("_passpolicy.pyi").read_text()
    assert "display_name: Optional[str]" in stub and "params: Optional[Mapping" in stub
    assert "class ParameterError(PolicyError)" in stub
