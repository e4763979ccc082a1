package passpolicy

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func mustChecker(t *testing.T, ids []string, user string) *Checker {
	t.Helper()
	c, err := NewChecker(ids, user)
	if err != nil {
		t.Fatalf("NewChecker(%v): %v", ids, err)
	}
	t.Cleanup(c.Close)
	return c
}

func TestCheck(t *testing.T) {
	c := mustChecker(t, []string{"tencent-cvm-v2/windows"}, "")
	ok, vs, err := c.Check("abc123ABC!@#")
	if err != nil || !ok || len(vs) != 0 {
		t.Fatalf("accepted password: ok=%v vs=%v err=%v", ok, vs, err)
	}
	ok, vs, err = c.Check("short")
	if err != nil || ok {
		t.Fatalf("short: ok=%v err=%v", ok, err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Policy+" "+v.Code)
		if v.Message == "" || strings.Contains(v.Message, "short") {
			t.Errorf("message %q", v.Message)
		}
	}
	want := "tencent-cvm-v2/windows too_short,tencent-cvm-v2/windows not_enough_classes"
	if strings.Join(got, ",") != want {
		t.Fatalf("got %v, want %v", got, want)
	}
	if vs[0].Detail["kind"] != "length" || vs[0].Detail["actual"] != 5.0 {
		t.Errorf("detail %v", vs[0].Detail)
	}
}

func TestInvalidUTF8AndUser(t *testing.T) {
	c := mustChecker(t, []string{"baidu-bcc"}, "")
	ok, vs, err := c.CheckBytes([]byte("Abc12345!\xff"))
	if err != nil || ok || len(vs) != 1 || vs[0].Code != "invalid_utf8" {
		t.Fatalf("invalid UTF-8: ok=%v vs=%v err=%v", ok, vs, err)
	}
	u := mustChecker(t, []string{"huawei-clouddc/linux"}, "alice")
	ok, vs, _ = u.Check("Xecila-2024-Ok")
	if ok || vs[0].Code != "contains_reversed_username" {
		t.Fatalf("user: ok=%v vs=%v", ok, vs)
	}
}

func TestUnknownPolicy(t *testing.T) {
	_, err := NewChecker([]string{"baidu-bcc", "baidu-bc"}, "")
	var e *Error
	if !errors.As(err, &e) || e.Code != ErrPolicy || !strings.Contains(e.Message, "did you mean baidu-bcc") {
		t.Fatalf("err = %v", err)
	}
	if _, err := NewChecker(nil, ""); err == nil {
		t.Fatal("no policy compiled")
	}
}

func TestGenerate(t *testing.T) {
	c := mustChecker(t, []string{"huawei-clouddc", "baidu-bcc"}, "")
	for _, n := range []int{0, 12, 20} {
		p, err := c.Generate(n)
		if err != nil {
			t.Fatalf("Generate(%d): %v", n, err)
		}
		if n != 0 && len(p) != n {
			t.Errorf("Generate(%d) gave %d characters", n, len(p))
		}
		if ok, vs, _ := c.Check(p); !ok {
			t.Errorf("generated password refused: %v", vs)
		}
	}
	var e *Error
	if _, err := c.Generate(1000); !errors.As(err, &e) || e.Code != ErrPolicy {
		t.Fatalf("Generate(1000): %v", err)
	}
	bits, err := c.EntropyBits(16)
	if err != nil || bits < 80 || bits > 16*7 {
		t.Fatalf("EntropyBits(16) = %v, %v", bits, err)
	}
}

func TestClose(t *testing.T) {
	c, err := NewChecker([]string{"baidu-bcc"}, "")
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	c.Close()
	if _, _, err := c.Check("x"); err != ErrClosed {
		t.Fatalf("after Close: %v", err)
	}
	if _, err := c.Generate(0); err != ErrClosed {
		t.Fatalf("after Close: %v", err)
	}
}

func TestConcurrent(t *testing.T) {
	c := mustChecker(t, []string{"tencent-cvm-v2", "huawei-clouddc"}, "")
	_, want, _ := c.Check("short")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				p, err := c.Generate(0)
				if err != nil {
					errs <- err.Error()
					return
				}
				if ok, _, _ := c.Check(p); !ok {
					errs <- "generated password refused"
					return
				}
				if _, vs, _ := c.Check("short"); len(vs) != len(want) || vs[0].Code != want[0].Code {
					errs <- "different verdict"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestVersion(t *testing.T) {
	if strings.Count(Version(), ".") != 2 {
		t.Fatalf("Version() = %q", Version())
	}
}
