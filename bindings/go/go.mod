module github.com/passpolicy/passpolicy/bindings/go

go 1.19
