package passpolicy_test

import (
	"fmt"
	"log"

	passpolicy "github.com/passpolicy/passpolicy/bindings/go"
)

// The README's example: check a password, list why it is refused, generate
// one the policy accepts.
func Example() {
	c, err := passpolicy.NewChecker([]string{"tencent-cvm-v2/windows"}, "")
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	ok, violations, err := c.Check("short")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ok)
	for _, v := range violations {
		fmt.Println(v.Policy, v.Code, v.VendorCode)
	}
	password, err := c.Generate(0)
	if err != nil {
		log.Fatal(err)
	}
	accepted, _, _ := c.Check(password)
	fmt.Println(len(password), accepted)
	// Output:
	// false
	// tencent-cvm-v2/windows too_short InvalidPassword
	// tencent-cvm-v2/windows not_enough_classes InvalidPassword
	// 16 true
}
