// Package passpolicy checks passwords against cloud vendors' API rules
// before the call, naming every reason the vendor would refuse one, and
// generates passwords the vendor is guaranteed to accept.
//
// It calls the passpolicy C library (bindings/c) through cgo and links its
// static library: build that first, from the repository root, with
//
//	cargo build --release -p passpolicy-ffi
//
// A Checker is safe for concurrent use by any number of goroutines.
package passpolicy

/*
#cgo CFLAGS: -I${SRCDIR}/../c/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libpasspolicy.a -lpthread -ldl -lm
#include <stdlib.h>
#include "passpolicy.h"
*/
import "C"

import (
	"encoding/json"
	"errors"
	"runtime"
	"sort"
	"sync"
	"unsafe"
)

// Return codes of the C library, as Error.Code.
const (
	ErrArgument = int(C.PASSPOLICY_ERR_ARGUMENT) // a bad argument
	ErrPolicy   = int(C.PASSPOLICY_ERR_POLICY)   // unknown id, impossible length, ...
	ErrBuffer   = int(C.PASSPOLICY_ERR_BUFFER)   // internal: a buffer was too small
	ErrPanic    = int(C.PASSPOLICY_ERR_PANIC)    // internal error in the library
	// ErrParameter: a parameter no selected policy declares, a value it
	// does not take, a parameter file that cannot be read.
	ErrParameter = int(C.PASSPOLICY_ERR_PARAMETER)
)

// Error is a failure reported by the library: its code (one of the Err*
// constants) and its message. It never holds a password.
type Error struct {
	Code    int
	Message string
}

func (e *Error) Error() string { return "passpolicy: " + e.Message }

// ErrClosed is returned by the methods of a Checker after Close.
var ErrClosed = errors.New("passpolicy: the checker is closed")

// Violation is one reason a policy refuses a password.
type Violation struct {
	Code       string                 `json:"code"`        // stable code, e.g. "too_short"
	Policy     string                 `json:"policy"`      // the variant, e.g. "tencent-cvm-v2/windows"
	VendorCode string                 `json:"vendor_code"` // the vendor's error code, "" if none
	Message    string                 `json:"message"`     // in English
	Detail     map[string]interface{} `json:"detail"`      // the measurements, as in the CLI's JSON
}

// Checker holds compiled policies (all must hold). Safe for concurrent use;
// call Close when done (a finalizer frees it otherwise).
type Checker struct {
	mu  sync.RWMutex // Close takes it for writing: no call is in flight
	ptr *C.passpolicy_checker
}

// Version is the C library's version.
func Version() string { return C.GoString(C.passpolicy_version()) }

func takeError(e *C.passpolicy_error, code C.int32_t) error {
	if e == nil {
		return &Error{Code: int(code), Message: "error without a message"}
	}
	defer C.passpolicy_error_free(e)
	return &Error{Code: int(C.passpolicy_error_code(e)), Message: C.GoString(C.passpolicy_error_message(e))}
}

// NewChecker compiles the named built-in policies ("ID" or "ID/VARIANT").
// user replaces the policies' own account names in user-name rules ("":
// the policies' own). An unknown id gives an *Error with Code ErrPolicy.
func NewChecker(policies []string, user string) (*Checker, error) {
	arr, n, free := cStrings(policies)
	defer free()
	var cuser *C.char
	if user != "" {
		cuser = C.CString(user)
		defer C.free(unsafe.Pointer(cuser))
	}
	var cerr *C.passpolicy_error
	return newChecker(C.passpolicy_checker_new(arr, n, cuser, &cerr), cerr)
}

// Options are the optional inputs of NewCheckerWith. The zero value is
// none: the policies' own accounts, no display name, every parameter at
// its default.
type Options struct {
	// User is the account the password is for, checked by user-name
	// rules ("": the policies' own accounts). A blank one (only white
	// space) is refused with ErrArgument.
	User string
	// DisplayName is the account's display name, checked by display-name
	// rules (Windows AD's displayName; "": those rules are off). A blank
	// one is refused with ErrArgument.
	DisplayName string
	// Params sets policy parameters by name, as the CLI's --param
	// NAME=VALUE: {"policy": "STRONG", "dictionary_file": "words.txt"}. A
	// file parameter's value is a path; the file is read once, by
	// NewCheckerWith (UTF-8, at most 1 MiB).
	Params map[string]string
	// ParamContents sets file parameters to contents given directly, by
	// name: {"dictionary_file": "password\nsecret\n"}, split into lines as
	// the file would be. No file is read; explanations name the contents
	// "contents given to NewCheckerWith". A name in both Params and
	// ParamContents is refused with ErrArgument.
	ParamContents map[string]string
}

// contentsOrigin names contents from ParamContents in explanations.
const contentsOrigin = "contents given to NewCheckerWith"

// NewCheckerWith compiles the named built-in policies with opts. A
// parameter no selected policy declares, a value the parameter does not
// take, or a parameter file that cannot be read gives an *Error with Code
// ErrParameter, whose message names the parameter and what it takes (never
// the value); an unknown id gives ErrPolicy.
func NewCheckerWith(policies []string, opts Options) (*Checker, error) {
	o := C.passpolicy_options_new()
	if o == nil {
		return nil, &Error{Code: ErrPanic, Message: "cannot allocate options"}
	}
	defer C.passpolicy_options_free(o)
	if err := setOption(o, "", opts.User, func(v *C.char, e **C.passpolicy_error) C.int32_t {
		return C.passpolicy_options_set_user(o, v, e)
	}); err != nil {
		return nil, err
	}
	if err := setOption(o, "", opts.DisplayName, func(v *C.char, e **C.passpolicy_error) C.int32_t {
		return C.passpolicy_options_set_display_name(o, v, e)
	}); err != nil {
		return nil, err
	}
	// In name order: with several wrong names, the same one is reported
	// every time.
	names := make([]string, 0, len(opts.Params))
	for name := range opts.Params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		cname := C.CString(name)
		err := setOption(o, name, opts.Params[name], func(v *C.char, e **C.passpolicy_error) C.int32_t {
			return C.passpolicy_options_set_param(o, cname, v, e)
		})
		C.free(unsafe.Pointer(cname))
		if err != nil {
			return nil, err
		}
	}
	if err := setContents(o, opts); err != nil {
		return nil, err
	}
	arr, n, free := cStrings(policies)
	defer free()
	var cerr *C.passpolicy_error
	return newChecker(C.passpolicy_checker_new_with(arr, n, o, &cerr), cerr)
}

// setContents sets opts.ParamContents on o, in name order.
func setContents(o *C.passpolicy_options, opts Options) error {
	names := make([]string, 0, len(opts.ParamContents))
	for name := range opts.ParamContents {
		if _, both := opts.Params[name]; both {
			return &Error{Code: ErrArgument, Message: "parameter " + name + " is in both Params and ParamContents; give it once"}
		}
		names = append(names, name)
	}
	sort.Strings(names)
	corigin := C.CString(contentsOrigin)
	defer C.free(unsafe.Pointer(corigin))
	for _, name := range names {
		text := opts.ParamContents[name]
		cname := C.CString(name)
		ctext := C.CBytes([]byte(text))
		var cerr *C.passpolicy_error
		rc := C.passpolicy_options_set_param_contents(o, cname, corigin, (*C.char)(ctext), C.size_t(len(text)), &cerr)
		C.free(unsafe.Pointer(cname))
		C.free(ctext)
		if rc != C.PASSPOLICY_OK {
			return takeError(cerr, rc)
		}
	}
	return nil
}

// setOption calls set with value as a C string; "" sets nothing, except
// for a parameter (named by param), where "" is a value like any other.
func setOption(o *C.passpolicy_options, param, value string, set func(*C.char, **C.passpolicy_error) C.int32_t) error {
	if value == "" && param == "" {
		return nil
	}
	cvalue := C.CString(value)
	defer C.free(unsafe.Pointer(cvalue))
	var cerr *C.passpolicy_error
	if rc := set(cvalue, &cerr); rc != C.PASSPOLICY_OK {
		return takeError(cerr, rc)
	}
	return nil
}

// cStrings copies strs into C memory (cgo forbids passing Go memory that
// holds pointers): the array, its length, and the function that frees it.
func cStrings(strs []string) (**C.char, C.size_t, func()) {
	if len(strs) == 0 {
		return nil, 0, func() {}
	}
	ptrs := make([]*C.char, len(strs))
	for i, s := range strs {
		ptrs[i] = C.CString(s)
	}
	size := C.size_t(len(ptrs)) * C.size_t(unsafe.Sizeof(ptrs[0]))
	arr := (**C.char)(C.malloc(size))
	copy(unsafe.Slice(arr, len(ptrs)), ptrs)
	return arr, C.size_t(len(ptrs)), func() {
		for _, p := range ptrs {
			C.free(unsafe.Pointer(p))
		}
		C.free(unsafe.Pointer(arr))
	}
}

// newChecker wraps a checker from the C library, or its error when NULL.
func newChecker(ptr *C.passpolicy_checker, cerr *C.passpolicy_error) (*Checker, error) {
	if ptr == nil {
		return nil, takeError(cerr, C.PASSPOLICY_ERR_POLICY)
	}
	c := &Checker{ptr: ptr}
	runtime.SetFinalizer(c, (*Checker).Close)
	return c, nil
}

// Close frees the checker; later calls return ErrClosed. Safe to call more
// than once, and while other goroutines use the checker (it waits for
// them).
func (c *Checker) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ptr != nil {
		C.passpolicy_checker_free(c.ptr)
		c.ptr = nil
		runtime.SetFinalizer(c, nil)
	}
}

// Check reports whether every policy accepts password, and if not, every
// reason (messages in English).
func (c *Checker) Check(password string) (ok bool, violations []Violation, err error) {
	// A copy the C library can read (cgo cannot take a Go string's bytes
	// in Go 1.19 without reflection); wiped before returning.
	b := []byte(password)
	defer wipe(b)
	return c.CheckBytes(b)
}

// CheckBytes is Check for bytes; bytes that are not UTF-8 are refused with
// the code "invalid_utf8".
func (c *Checker) CheckBytes(password []byte) (ok bool, violations []Violation, err error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ptr == nil {
		return false, nil, ErrClosed
	}
	pw, n := bytesArg(password)
	switch rc := C.passpolicy_check(c.ptr, pw, n); rc {
	case C.PASSPOLICY_OK:
		return true, nil, nil
	case C.PASSPOLICY_REJECTED:
	default:
		return false, nil, &Error{Code: int(rc), Message: "check failed"}
	}
	out := make([]byte, 1024)
	for {
		var needed C.size_t
		rc := C.passpolicy_check_json(c.ptr, pw, n, (*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out)), &needed)
		if rc == C.PASSPOLICY_ERR_BUFFER {
			out = make([]byte, int(needed))
			continue
		}
		if rc != C.PASSPOLICY_REJECTED && rc != C.PASSPOLICY_OK {
			return false, nil, &Error{Code: int(rc), Message: "check failed"}
		}
		var verdict struct {
			OK         bool        `json:"ok"`
			Violations []Violation `json:"violations"`
		}
		if err := json.Unmarshal(out[:int(needed)-1], &verdict); err != nil {
			return false, nil, err
		}
		return verdict.OK, verdict.Violations, nil
	}
}

// Generate returns a password of length characters (0: the default length)
// that every policy accepts, uniformly at random over all such passwords.
// The library's buffer is wiped; the returned string is the caller's.
func (c *Checker) Generate(length int) (string, error) {
	if length < 0 {
		return "", &Error{Code: ErrArgument, Message: "negative length"}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ptr == nil {
		return "", ErrClosed
	}
	buf := make([]byte, 4*length+64)
	defer func() { wipe(buf) }()
	for {
		var written C.size_t
		var cerr *C.passpolicy_error
		rc := C.passpolicy_generate(c.ptr, C.size_t(length), (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &written, &cerr)
		switch rc {
		case C.PASSPOLICY_OK:
			return string(buf[:int(written)]), nil
		case C.PASSPOLICY_ERR_BUFFER:
			C.passpolicy_error_free(cerr)
			wipe(buf)
			buf = make([]byte, int(written))
		default:
			return "", takeError(cerr, rc)
		}
	}
}

// EntropyBits is the entropy of a generated password of length characters
// (0: the default length), in bits, exactly as the CLI reports it.
func (c *Checker) EntropyBits(length int) (float64, error) {
	if length < 0 {
		return 0, &Error{Code: ErrArgument, Message: "negative length"}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ptr == nil {
		return 0, ErrClosed
	}
	var bits C.double
	var cerr *C.passpolicy_error
	if rc := C.passpolicy_entropy_bits(c.ptr, C.size_t(length), &bits, &cerr); rc != C.PASSPOLICY_OK {
		return 0, takeError(cerr, rc)
	}
	return float64(bits), nil
}

// bytesArg is a password's bytes as C arguments (NULL, 0 when empty).
func bytesArg(b []byte) (*C.char, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
	runtime.KeepAlive(b)
}
