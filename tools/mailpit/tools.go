//go:build tools

// Package tools pins Mailpit, the SMTP server with a web UI and API that catches the development and test e-mails.
package tools

import _ "github.com/axllent/mailpit"
