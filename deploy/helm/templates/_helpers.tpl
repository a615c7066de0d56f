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
{{- if .Values.secrets.create -}}{{ include "sam.fullname" . }}{{- else -}}{{ required "secrets.existingSecret names the Secret with MONGODB_URI (and ENTRA_CLIENT_SECRET without a certificate)" .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{- define "sam.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "sam.fullname" .) .Values.serviceAccount.name }}{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}

{{/* Environment shared by API and worker: plain values from the ConfigMap, credentials from the Secret. */}}
{{- define "sam.env" -}}
{{- if .Values.microsoft.certificateSecret -}}
- name: ENTRA_CLIENT_CERTIFICATE_FILE
  value: {{ include "sam.certificateDir" . }}/tls.crt
- name: ENTRA_CLIENT_CERTIFICATE_KEY_FILE
  value: {{ include "sam.certificateDir" . }}/tls.key
{{- else -}}
- name: ENTRA_CLIENT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: ENTRA_CLIENT_SECRET }
{{- end }}
- name: MONGODB_URI
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: MONGODB_URI }
- name: SMTP_URL
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: SMTP_URL, optional: true }
{{- if .Values.google.serviceAccountKeySecret }}
- name: GOOGLE_SERVICE_ACCOUNT_KEY_FILE
  value: {{ include "sam.googleKeyDir" . }}/key.json
- name: GOOGLE_OAUTH_CLIENT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ include "sam.secretName" . }}, key: GOOGLE_OAUTH_CLIENT_SECRET }
{{- end }}
{{- end -}}

{{- define "sam.certificateDir" -}}/etc/smart-activity/entra{{- end -}}
{{- define "sam.googleKeyDir" -}}/etc/smart-activity/google{{- end -}}

{{/* Mounts of API and worker: a writable /tmp, the app's certificate and the Google key when there are. */}}
{{- define "sam.volumeMounts" -}}
- { name: tmp, mountPath: /tmp }
{{- if .Values.microsoft.certificateSecret }}
- { name: entra-certificate, mountPath: {{ include "sam.certificateDir" . }}, readOnly: true }
{{- end }}
{{- if .Values.google.serviceAccountKeySecret }}
- { name: google-service-account, mountPath: {{ include "sam.googleKeyDir" . }}, readOnly: true }
{{- end }}
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
  {{- with .Values.microsoft.certificateSecret }}
  # Readable by the pod's group (fsGroup) only: mode 0440, written in decimal for every YAML reader.
  - name: entra-certificate
    secret: { secretName: {{ . }}, defaultMode: 288 }
  {{- end }}
  {{- with .Values.google.serviceAccountKeySecret }}
  - name: google-service-account
    secret: { secretName: {{ . }}, defaultMode: 288, items: [{ key: key.json, path: key.json }] }
  {{- end }}
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
