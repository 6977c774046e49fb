//go:build tools

// Package tools pins Helm, which lints and renders deploy/helm (npm test: tools/scripts/chart-checks.mjs).
package tools

import _ "helm.sh/helm/v4/cmd/helm"
