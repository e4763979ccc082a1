package passpolicy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustCheckerWith(t *testing.T, ids []string, opts Options) *Checker {
	t.Helper()
	c, err := NewCheckerWith(ids, opts)
	if err != nil {
		t.Fatalf("NewCheckerWith(%v): %v", ids, err)
	}
	t.Cleanup(c.Close)
	return c
}

func codes(t *testing.T, c *Checker, password string) []string {
	t.Helper()
	_, vs, err := c.Check(password)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	var out []string
	for _, v := range vs {
		out = append(out, v.Code)
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A dictionary given as contents: no file is read.
func TestMySQLDictionaryContents(t *testing.T) {
	ids := []string{"mysql-validate-password"}
	c := mustCheckerWith(t, ids, Options{Params: map[string]string{"policy": "STRONG"}, ParamContents: map[string]string{"dictionary_file": "secret\npassword\n"}})
	for _, pw := range []string{"MyPassword1!", "MySecret12!"} {
		if got := codes(t, c, pw); !has(got, "dictionary_word") {
			t.Errorf("%d characters: %v", len(pw), got)
		}
	}
	if got := codes(t, c, "MyPasswor1!x"); len(got) != 0 {
		t.Errorf("no word: %v", got)
	}
	_, err := NewCheckerWith(ids, Options{Params: map[string]string{"dictionary_file": "x"}, ParamContents: map[string]string{"dictionary_file": "y"}})
	var e *Error
	if !errors.As(err, &e) || e.Code != ErrArgument {
		t.Errorf("a name in both maps: %v", err)
	}
	_, err = NewCheckerWith(ids, Options{ParamContents: map[string]string{"length": "8"}})
	if !errors.As(err, &e) || e.Code != ErrParameter {
		t.Errorf("contents for an integer parameter: %v", err)
	}
}

// The example: STRONG with a dictionary holding "password", user
// app, refuses MyPassword1!; without the dictionary, or with MEDIUM, it
// passes.
func TestMySQLDictionary(t *testing.T) {
	words := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(words, []byte("password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ids := []string{"mysql-validate-password"}
	strong := mustCheckerWith(t, ids, Options{User: "app", Params: map[string]string{"policy": "STRONG", "dictionary_file": words}})
	plain := mustCheckerWith(t, ids, Options{User: "app", Params: map[string]string{"policy": "STRONG"}})
	medium := mustCheckerWith(t, ids, Options{User: "app", Params: map[string]string{"policy": "1", "dictionary_file": words}})
	if got := codes(t, strong, "MyPassword1!"); !has(got, "dictionary_word") {
		t.Errorf("STRONG with the dictionary: %v", got)
	}
	if got := codes(t, plain, "MyPassword1!"); len(got) != 0 {
		t.Errorf("STRONG without a dictionary: %v", got)
	}
	if got := codes(t, medium, "MyPassword1!"); len(got) != 0 {
		t.Errorf("MEDIUM: %v", got)
	}
	if got := codes(t, strong, "app"); !has(got, "equals_username") {
		t.Errorf("user app: %v", got)
	}
	for i := 0; i < 20; i++ {
		p, err := strong.Generate(0)
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(t, strong, p); len(got) != 0 {
			t.Fatalf("a generated password was refused: %v", got)
		}
	}
}

func TestWindowsADDisplayName(t *testing.T) {
	ids := []string{"windows-ad"}
	with := mustCheckerWith(t, ids, Options{User: "jdoe", DisplayName: "John Q. Doe-Smith", Params: map[string]string{"minimum_password_length": "10"}})
	without := mustCheckerWith(t, ids, Options{User: "jdoe"})
	for _, pw := range []string{"Smith#2024x", "sMITH#2024x"} {
		if got := codes(t, with, pw); !has(got, "contains_display_name") {
			t.Errorf("%s: %v", pw, got)
		}
	}
	if got := codes(t, with, "Q-Do#2024xx"); len(got) != 0 {
		t.Errorf("tokens of 2 or fewer characters: %v", got)
	}
	if got := codes(t, with, "Abc#2024x"); !has(got, "too_short") {
		t.Errorf("minimum_password_length=10: %v", got)
	}
	for _, pw := range []string{"Smith#2024x", "Abc#2024x"} {
		if got := codes(t, without, pw); len(got) != 0 {
			t.Errorf("no display name, default length, %s: %v", pw, got)
		}
	}
}

func TestParameterErrors(t *testing.T) {
	cases := []struct {
		id, name, value, inMessage string
	}{
		{"mysql-validate-password", "polcy", "STRONG", "policy"},
		{"mysql-validate-password", "policy", "Hunter2-secret", "LOW"},
		{"mysql-validate-password", "policy", "", "LOW"},
		{"mysql-validate-password", "length", "-1", "length"},
		{"mysql-validate-password", "check_user_name", "maybe", "ON or OFF"},
		{"mysql-validate-password", "dictionary_file", "/nonexistent/passpolicy-words.txt", "passpolicy-words.txt"},
		{"baidu-bcc", "length", "8", "baidu-bcc"},
	}
	for _, tc := range cases {
		_, err := NewCheckerWith([]string{tc.id}, Options{Params: map[string]string{tc.name: tc.value}})
		var e *Error
		if !errors.As(err, &e) || e.Code != ErrParameter {
			t.Errorf("%s=%s: %v", tc.name, tc.value, err)
			continue
		}
		if !strings.Contains(e.Message, tc.inMessage) || strings.Contains(e.Message, "Hunter2") {
			t.Errorf("%s=%s: message %q", tc.name, tc.value, e.Message)
		}
	}
	var e *Error
	if _, err := NewCheckerWith([]string{"baidu-bc"}, Options{}); !errors.As(err, &e) || e.Code != ErrPolicy {
		t.Errorf("unknown id: %v", err)
	}
}

func TestBlankNamesAreRefused(t *testing.T) {
	for _, opts := range []Options{{User: " "}, {DisplayName: " \t"}, {User: "app", DisplayName: "\n"}} {
		_, err := NewCheckerWith([]string{"windows-ad"}, opts)
		var e *Error
		if !errors.As(err, &e) || e.Code != ErrArgument || !strings.Contains(e.Message, "blank") {
			t.Errorf("%+v: %v", opts, err)
		}
	}
	// The zero Options: as NewChecker without a user; huawei-clouddc's
	// fixed account root still applies.
	c := mustCheckerWith(t, []string{"huawei-clouddc/linux"}, Options{})
	if got := codes(t, c, "Xroot123!"); len(got) == 0 {
		t.Error("Xroot123! accepted")
	}
}
