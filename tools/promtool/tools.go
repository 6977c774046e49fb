//go:build tools

// Package tools pins promtool, which checks the alert rules in deploy/observability.
package tools

import _ "github.com/prometheus/prometheus/cmd/promtool"
