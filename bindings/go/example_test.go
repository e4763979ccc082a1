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

// A configurable policy: MySQL's validate_password with policy STRONG and
// the account's name, and Windows AD with the account's display name.
func ExampleNewCheckerWith() {
	mysql, err := passpolicy.NewCheckerWith([]string{"mysql-validate-password"}, passpolicy.Options{
		User:   "app",
		Params: map[string]string{"policy": "STRONG", "length": "12"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer mysql.Close()
	_, violations, _ := mysql.Check("MyPass1!")
	for _, v := range violations {
		fmt.Println(v.Code)
	}
	ad, err := passpolicy.NewCheckerWith([]string{"windows-ad"}, passpolicy.Options{
		User:        "jdoe",
		DisplayName: "John Q. Doe-Smith",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer ad.Close()
	_, violations, _ = ad.Check("Smith#2024x")
	for _, v := range violations {
		fmt.Println(v.Code)
	}
	_, err = passpolicy.NewCheckerWith([]string{"mysql-validate-password"}, passpolicy.Options{
		Params: map[string]string{"policy": "HIGH"},
	})
	fmt.Println(err.(*passpolicy.Error).Code == passpolicy.ErrParameter)
	// Output:
	// too_short
	// contains_display_name
	// true
}
