"""The Python API as the issue fixes it, against the library's behaviour."""

import threading

import pytest

import passpolicy


def test_version():
    assert passpolicy.__version__.count(".") == 2


def test_policies_lists_the_catalog():
    ps = passpolicy.policies()
    ids = [p["id"] for p in ps]
    assert "tencent-cvm-v2" in ids and "baidu-bcc" in ids
    cvm = next(p for p in ps if p["id"] == "tencent-cvm-v2")
    assert sorted(cvm["variants"]) == ["linux", "windows"]
    assert set(cvm) == {"id", "variants", "vendor", "product"}
    assert all(isinstance(p["vendor"], str) and p["product"] for p in ps)


def test_accepts_str_and_bytes():
    c = passpolicy.Checker(["tencent-cvm-v2/windows"], user=None)
    assert c.accepts("abc123ABC!@#") is True
    assert c.accepts(b"abc123ABC!@#") is True
    assert c.accepts("short") is False
    assert c.accepts(b"abc123ABC!@#\xff") is False  # invalid UTF-8
    assert c.accepts("abc123ABC!@\ud800") is False  # lone surrogate
    with pytest.raises(TypeError):
        c.accepts(12345678)


def test_check_lists_violations():
    c = passpolicy.Checker(["tencent-cvm-v2/windows"])
    assert c.check("abc123ABC!@#") == []
    vs = c.check("short")
    assert [(v.policy, v.code) for v in vs] == [
        ("tencent-cvm-v2/windows", "too_short"),
        ("tencent-cvm-v2/windows", "not_enough_classes"),
    ]
    v = vs[0]
    assert v.vendor_code is None or isinstance(v.vendor_code, str)
    assert "12" in v.message() and v.message("en") == v.message()
    assert v.message("zh") != v.message("en")
    assert v.detail["kind"] == "length" and v.detail["actual"] == 5
    with pytest.raises(ValueError):
        v.message("fr")
    (w,) = [v for v in c.check("xQ7") if v.code == "too_short"]
    assert "xQ7" not in repr(w) and "xQ7" not in str(w)
    assert repr(w).startswith("Violation(code='too_short', policy='tencent-cvm-v2/windows'")


def test_invalid_utf8_bytes_have_their_code():
    c = passpolicy.Checker("baidu-bcc")
    (v,) = c.check(b"Abc12345!\xff")
    assert (v.code, v.detail["offset"]) == ("invalid_utf8", 9)
    # A lone surrogate in a str: refused the same way, at its byte offset.
    (v,) = c.check("Abc1234\ud800!")
    assert (v.code, v.detail["offset"]) == ("invalid_utf8", 7)


def test_user_name_rules_use_the_given_user():
    c = passpolicy.Checker(["huawei-clouddc/linux"], user="alice")
    assert "contains_reversed_username" in [v.code for v in c.check("Xecila-2024-Ok")]
    assert passpolicy.Checker(["huawei-clouddc/linux"]).accepts("Xecila-2024-Ok")


def test_unknown_policy_is_a_policy_error():
    with pytest.raises(passpolicy.PolicyError) as e:
        passpolicy.Checker(["baidu-bc"])
    assert "did you mean baidu-bcc" in str(e.value)
    # An id close to no known one is not repeated: it may be a password.
    with pytest.raises(passpolicy.PolicyError) as e:
        passpolicy.Checker(["no-such-vendor"])
    assert "unknown policy id" in str(e.value)
    assert "no-such-vendor" not in str(e.value)
    assert issubclass(passpolicy.PolicyError, ValueError)


@pytest.mark.parametrize("pid", [p["id"] for p in passpolicy.policies()])
def test_generate_is_accepted_for_every_builtin_policy(pid):
    c = passpolicy.Checker([pid])
    for _ in range(50):
        p = c.generate()
        assert c.accepts(p), pid
        assert len(p) == c.default_length


def test_generate_length_and_entropy():
    c = passpolicy.Checker(["huawei-clouddc", "baidu-bcc"])
    lo, hi = c.length_bounds
    assert len(c.generate(length=lo)) == lo
    p = c.generate(min_entropy=80)
    assert c.entropy_bits(len(p)) >= 80 > c.entropy_bits(len(p) - 1)
    assert c.accepts(p)
    with pytest.raises(ValueError):
        c.generate(length=hi + 1)
    with pytest.raises(ValueError):
        c.generate(min_entropy=1e6)
    with pytest.raises(ValueError):
        c.generate(length=16, min_entropy=80)
    with pytest.raises(passpolicy.PolicyError):
        c.entropy_bits(hi + 1)


def test_entropy_is_the_clis_figure():
    # 16 characters for tencent-cvm-v2/windows: the CLI reports this same
    # float (both are log2 of the library's exact count).
    c = passpolicy.Checker(["tencent-cvm-v2/windows"])
    bits = c.entropy_bits(16)
    assert 90 < bits < 16 * 7
    assert bits == c.entropy_bits()  # the default length is 16 here


def test_explain():
    c = passpolicy.Checker(["tencent-cvm-v2/windows"])
    assert "12" in c.explain()
    assert "长度" in c.explain("zh")


def test_one_checker_from_several_threads():
    c = passpolicy.Checker(["tencent-cvm-v2", "huawei-clouddc"])
    want = [v.code for v in c.check("short")]
    bad = []

    def work():
        for _ in range(500):
            if not c.accepts(c.generate()) or [v.code for v in c.check("short")] != want:
                bad.append(1)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad
