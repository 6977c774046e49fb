{{- define "promoto.labels" -}}
app.kubernetes.io/name: promoto
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "promoto.selector" -}}
app.kubernetes.io/name: promoto
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "promoto.fullname" -}}
{{ printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "promoto.image" -}}
{{ printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}

{{/* The whole drain, from the pod's removal to the end of SIGTERM's work, in seconds. */}}
{{- define "promoto.drainSeconds" -}}
{{ add .Values.api.drain.preStopSeconds .Values.api.drain.shutdownTimeoutSeconds }}
{{- end }}

{{- define "promoto.securityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}
