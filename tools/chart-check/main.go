// Command chart-check decodes every object of rendered Kubernetes manifests (the output of
// `helm template`, on stdin) strictly against the Kubernetes API types of k8s.io/api: an unknown
// kind, an unknown or misspelt field, a duplicate key or a value of the wrong type is an error,
// as the API server would refuse it. Prints the decoded objects as a JSON array on success.
//
//	helm template promoto deploy/helm/promoto | chart-check
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// The kinds the chart may render, each with the Go type the API server decodes it into.
var kinds = map[string]func() any{
	"v1/ConfigMap":                            func() any { return &corev1.ConfigMap{} },
	"v1/Secret":                               func() any { return &corev1.Secret{} },
	"v1/Service":                              func() any { return &corev1.Service{} },
	"v1/ServiceAccount":                       func() any { return &corev1.ServiceAccount{} },
	"apps/v1/Deployment":                      func() any { return &appsv1.Deployment{} },
	"autoscaling/v2/HorizontalPodAutoscaler":  func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"policy/v1/PodDisruptionBudget":           func() any { return &policyv1.PodDisruptionBudget{} },
	"networking.k8s.io/v1/Ingress":            func() any { return &networkingv1.Ingress{} },
	"networking.k8s.io/v1/NetworkPolicy":      func() any { return &networkingv1.NetworkPolicy{} },
	"monitoring.coreos.com/v1/ServiceMonitor": func() any { return &ServiceMonitor{} },
}

// ServiceMonitor is the Prometheus Operator's custom resource (not in k8s.io/api): the fields of
// its v1 schema that a chart may set, so that a misspelt one is refused like any other.
type ServiceMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Selector          metav1.LabelSelector `json:"selector"`
		NamespaceSelector *struct {
			MatchNames []string `json:"matchNames,omitempty"`
			Any        bool     `json:"any,omitempty"`
		} `json:"namespaceSelector,omitempty"`
		Endpoints []struct {
			Port          string `json:"port,omitempty"`
			Path          string `json:"path,omitempty"`
			Scheme        string `json:"scheme,omitempty"`
			Interval      string `json:"interval,omitempty"`
			ScrapeTimeout string `json:"scrapeTimeout,omitempty"`
			Authorization *struct {
				Type        string                    `json:"type,omitempty"`
				Credentials *corev1.SecretKeySelector `json:"credentials,omitempty"`
			} `json:"authorization,omitempty"`
		} `json:"endpoints"`
	} `json:"spec"`
}

func main() {
	objects, err := decodeAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart-check:", err)
		os.Exit(1)
	}
	out, err := json.MarshalIndent(objects, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart-check:", err)
		os.Exit(1)
	}
	os.Stdout.Write(append(out, '\n'))
}

func decodeAll(input io.Reader) ([]any, error) {
	var objects []any
	for index, document := range splitDocuments(input) {
		if strings.TrimSpace(stripComments(document)) == "" {
			continue
		}
		object, err := decode([]byte(document))
		if err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", index+1, source(document), err)
		}
		objects = append(objects, object)
	}
	if len(objects) == 0 {
		return nil, errors.New("no object in the input")
	}
	return objects, nil
}

func decode(document []byte) (any, error) {
	// Duplicate keys are an error, as for the API server's strict field validation.
	asJSON, err := yaml.YAMLToJSONStrict(document)
	if err != nil {
		return nil, err
	}
	var meta metav1.TypeMeta
	if err := json.Unmarshal(asJSON, &meta); err != nil {
		return nil, err
	}
	newObject, known := kinds[meta.APIVersion+"/"+meta.Kind]
	if !known {
		return nil, fmt.Errorf("unknown kind %s %s", meta.APIVersion, meta.Kind)
	}
	object := newObject()
	decoder := json.NewDecoder(bytes.NewReader(asJSON))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(object); err != nil {
		return nil, fmt.Errorf("%s: %w", meta.Kind, err)
	}
	return object, nil
}

func splitDocuments(input io.Reader) []string {
	var documents []string
	var current strings.Builder
	scanner := bufio.NewScanner(input)
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.TrimRight(line, " ") == "---" {
			documents = append(documents, current.String())
			current.Reset()
			continue
		}
		current.WriteString(line)
		current.WriteByte('\n')
	}
	return append(documents, current.String())
}

func stripComments(document string) string {
	var kept []string
	for _, line := range strings.Split(document, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

// source is the template a document came from, from helm's "# Source:" comment.
func source(document string) string {
	for _, line := range strings.Split(document, "\n") {
		if strings.HasPrefix(line, "# Source: ") {
			return strings.TrimPrefix(line, "# Source: ")
		}
	}
	return "no source comment"
}
