import tls from 'node:tls';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Application } from '@microsoft/microsoft-graph-types';
import { decodeJwt } from 'jose';
import { MongoClient } from 'mongodb';
import { apiScope, TokenValidator } from '../../server/auth/token-validator';
import type { Config } from '../../server/config';
import { AppTokenProvider } from '../../server/providers/microsoft/app-tokens';
import { createLogger } from '../../server/log';
import { statusOf } from './admin-graph';
import { checkRegistration, GRAPH_APPLICATION_PERMISSIONS } from './entra-registration';

/**
 * The checks of `npm run doctor`, each a row: what was checked, whether it holds, what was found
 * and how to fix it. Every check catches its own failure, so one broken part never hides the others.
 */

export interface Row {
  check: string;
  ok: boolean;
  found: string;
  fix: string;
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

export async function registrationRows(graph: Client, config: Config): Promise<Row[]> {
  const appId = config.microsoft.clientId;
  let app: Application;
  try {
    app = (await graph.api(`/applications(appId='${appId}')`).get()) as Application;
  } catch (err) {
    return [
      {
        check: 'App registration',
        ok: false,
        found: statusOf(err) === 404 ? `no application ${appId} in this tenant` : firstLine(err),
        fix: 'sign in to the tenant that owns the registration (--tenant), or run `npm run entra:register`',
      },
    ];
  }
  return checkRegistration(app, config.http.publicUrl).map((c) => ({
    check: `Registration: ${c.setting}`,
    ok: c.ok,
    found: c.found,
    fix: c.fix,
  }));
}

/** Per tenant: an app-only token, whose `roles` are exactly the application permissions granted there. */
export async function tenantRows(config: Config, tenantIds: string[]): Promise<Row[]> {
  const tokens = new AppTokenProvider(config.microsoft, createLogger('silent', 'doctor'));
  const wanted = Object.keys(GRAPH_APPLICATION_PERMISSIONS);
  const rows: Row[] = [];
  for (const tenantId of tenantIds) {
    const check = `Tenant ${tenantId}: application permissions granted`;
    const fix = "its admin grants admin consent again (admin pane → the directory's consent link)";
    try {
      const roles = (decodeJwt(await tokens.getGraphToken(tenantId)).roles ?? []) as string[];
      const missing = wanted.filter((w) => !roles.includes(w));
      const extra = roles.filter((r) => !wanted.includes(r));
      rows.push({
        check,
        ok: missing.length === 0,
        found:
          missing.length === 0
            ? `all granted${extra.length ? ` (also ${extra.join(', ')}: more than needed)` : ''}`
            : `missing ${missing.join(', ')}`,
        fix,
      });
    } catch (err) {
      rows.push({ check, ok: false, found: firstLine(err), fix });
    }
  }
  return rows;
}

/** A real user's access token for our API: accepted by the server, and which version and claims it has. */
export async function userTokenRows(config: Config, token: string): Promise<Row[]> {
  const validator = new TokenValidator(config.microsoft);
  try {
    await validator.validate(`Bearer ${token}`);
  } catch (err) {
    return [
      {
        check: 'User token accepted',
        ok: false,
        found: firstLine(err),
        fix: 'sign in again in the add-in; check ENTRA_CLIENT_ID and API_AUDIENCE against the registration',
      },
    ];
  }
  const claims = decodeJwt(token);
  return [
    { check: 'User token accepted', ok: true, found: `for tenant ${String(claims.tid)}`, fix: '' },
    {
      check: 'User token version 2.0',
      ok: claims.ver === '2.0',
      found: String(claims.ver),
      fix: 'set "requestedAccessTokenVersion": 2 (`npm run entra:register`); v1.0 works but needs directory lookups',
    },
    {
      check: `User token scope ${apiScope}`,
      ok: String(claims.scp ?? '')
        .split(' ')
        .includes(apiScope),
      found: String(claims.scp ?? 'none'),
      fix: `the add-in must ask for api://${config.microsoft.clientId}/${apiScope}`,
    },
    {
      check: 'User token has wids and acct',
      ok: 'wids' in claims && 'acct' in claims,
      found: ['wids', 'acct'].filter((c) => c in claims).join(', ') || 'neither',
      fix: 'groupMembershipClaims DirectoryRole and the optional claim acct (`npm run entra:register`)',
    },
  ];
}

/** Entra's discovery document and Graph answer at all (any HTTP answer: Graph says 401 without a token). */
export async function hostRows(config: Config): Promise<Row[]> {
  const targets = [
    ['Entra ID reachable', `${config.microsoft.authorityHost}/common/v2.0/.well-known/openid-configuration`],
    ['Microsoft Graph reachable', `${config.microsoft.graphBaseUrl}/v1.0/$metadata`],
  ] as const;
  return Promise.all(
    targets.map(async ([check, url]) => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        return { check, ok: res.status < 500, found: `${new URL(url).host}: HTTP ${res.status}`, fix: '' };
      } catch (err) {
        return {
          check,
          ok: false,
          found: `${new URL(url).host}: ${firstLine((err as Error).cause ?? err)}`,
          fix: 'allow outbound HTTPS to this host (firewall, proxy, DNS)',
        };
      }
    }),
  );
}

/** The certificate PUBLIC_URL presents: trusted, for this host, and not expiring within 14 days. */
export function tlsRow(publicUrl: string): Promise<Row> {
  const url = new URL(publicUrl);
  const check = `TLS certificate of ${url.host}`;
  const fix =
    'install a certificate browsers trust for this host name (TLS_CERT_FILE/TLS_KEY_FILE or the proxy)';
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: url.hostname,
      port: Number(url.port || 443),
      servername: url.hostname,
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('timed out')));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const days = Math.floor((Date.parse(cert.valid_to) - Date.now()) / 86_400_000);
      socket.end();
      resolve({
        check,
        ok: days >= 14,
        found: `valid for ${days} more day(s)`,
        fix: 'renew the certificate',
      });
    });
    socket.once('error', (err) => resolve({ check, ok: false, found: firstLine(err), fix }));
  });
}

export async function databaseRow(config: Config): Promise<{ row: Row; client?: MongoClient }> {
  const check = 'Database reachable';
  const client = new MongoClient(config.mongo.uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
    await client.db(config.mongo.dbName).command({ ping: 1 });
    return { row: { check, ok: true, found: config.mongo.dbName, fix: '' }, client };
  } catch (err) {
    await client.close().catch(() => {});
    return {
      row: {
        check,
        ok: false,
        found: firstLine(err),
        fix: 'check MONGODB_URI and that the server reaches it',
      },
    };
  }
}

/** Workers: their management ports' /readyz when given, otherwise nobody's mailbox lease lapsed unrenewed. */
export async function workerRows(
  client: MongoClient | undefined,
  config: Config,
  urls: string[],
): Promise<Row[]> {
  if (urls.length > 0) {
    return Promise.all(
      urls.map(async (u) => {
        const check = `Worker ${new URL(u).host} ready`;
        try {
          const res = await fetch(new URL('/readyz', u), { signal: AbortSignal.timeout(10_000) });
          const text = (await res.text()).slice(0, 200);
          return {
            check,
            ok: res.status === 200,
            found: `HTTP ${res.status} ${text}`,
            fix: 'see the worker’s log; restart it',
          };
        } catch (err) {
          return {
            check,
            ok: false,
            found: firstLine((err as Error).cause ?? err),
            fix: 'start the worker; check MANAGEMENT_PORT',
          };
        }
      }),
    );
  }
  const check = 'Workers renewing mailbox leases';
  if (!client)
    return [{ check, ok: false, found: 'the database is not reachable', fix: 'fix the database first' }];
  const lapsed = await client
    .db(config.mongo.dbName)
    .collection('syncJobs')
    .countDocuments({ leaseOwner: { $ne: null }, leaseUntil: { $lt: new Date() } });
  return [
    {
      check,
      ok: lapsed === 0,
      found: lapsed === 0 ? 'no lease lapsed' : `${lapsed} mailbox lease(s) lapsed: their worker stopped`,
      fix: 'start the workers (`npm run worker`); pass --worker-url for their /readyz',
    },
  ];
}

export function renderTable(rows: Row[]): string {
  const width = Math.min(60, Math.max(...rows.map((r) => r.check.length)));
  return rows
    .map((r) => {
      const head = `${r.ok ? '✅' : '❌'} ${r.check.padEnd(width)}  ${r.found}`;
      return r.ok || !r.fix ? head : `${head}\n   ↳ fix: ${r.fix}`;
    })
    .join('\n');
}
