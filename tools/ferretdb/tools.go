//go:build tools

// Package tools pins the FerretDB server used as the embedded development and test database.
package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"
