{{- define "sam.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sam.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "sam.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "sam.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "sam.secretName" -}}
{{- if .Values.secrets.create -}}{{ include "sam.fullname" . }}{{- else -}}{{ required "secrets.existingSecret names the Secret with ENTRA_CLIENT_SECRET and MONGODB_URI" .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{- define "sam.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "sam.fullname" .) .Values.serviceAccount.name }}{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}

{{/* Environment shared by API and worker: plain values from the ConfigMap, credentials from the Secret. */}}
{{- define "sam.env" -}}
- name: ENTRA_CLIENT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: ENTRA_CLIENT_SECRET }
- name: MONGODB_URI
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: MONGODB_URI }
- name: SMTP_URL
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: SMTP_URL, optional: true }
{{- end -}}

{{- define "sam.podSpecCommon" -}}
serviceAccountName: {{ include "sam.serviceAccountName" . }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: tmp
    emptyDir: {}
{{- end -}}

{{/* Out: DNS, HTTPS (Entra ID, Graph), the database, the mail relay. */}}
{{- define "sam.egress" -}}
{{- $np := .Values.networkPolicy -}}
- ports:
    - { port: 53, protocol: UDP }
    - { port: 53, protocol: TCP }
- to:
    {{- range $np.egressCidrs }}
    - ipBlock: { cidr: {{ . }} }
    {{- end }}
  ports:
    - { port: 443, protocol: TCP }
    - { port: {{ $np.databasePort }}, protocol: TCP }
    {{- range $np.smtpPorts }}
    - { port: {{ . }}, protocol: TCP }
    {{- end }}
{{- end -}}
