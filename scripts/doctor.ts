/**
 * `npm run doctor -- [--tenant <owning tenant>] [--user-token <token>] [--worker-url http://worker:9464]
 *   [--skip-registration]`
 *
 * Checks a live deployment with its own settings (environment or `.env`, as the server reads them)
 * and prints a ✅/❌ table with the fix for each row: the app registration against what the product
 * needs (an admin of the owning tenant signs in with a device code, read-only), each registered
 * tenant's granted application permissions, a real user token (optional), Microsoft's hosts, the
 * TLS certificate of PUBLIC_URL, the database and the workers. Exits 1 when any row fails.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { adminGraphClient } from './lib/admin-graph';
import {
  databaseRow,
  hostRows,
  registrationRows,
  renderTable,
  tenantRows,
  tlsRow,
  userTokenRows,
  workerRows,
  type Row,
} from './lib/doctor-checks';
import { loadDotEnv } from './lib/dotenv';

async function main(): Promise<number> {
  loadDotEnv();
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      'user-token': { type: 'string' },
      'worker-url': { type: 'string', multiple: true, default: [] },
      'skip-registration': { type: 'boolean', default: false },
    },
  });
  const config = loadConfig(process.env);
  const rows: Row[] = [];
  const database = await databaseRow(config);
  try {
    rows.push(...(await hostRows(config)));
    rows.push(await tlsRow(config.http.publicUrl));
    rows.push(database.row);
    if (!values['skip-registration']) {
      const tenant = values.tenant ?? process.env.ENTRA_REGISTER_TENANT;
      if (!tenant)
        throw new Error('--tenant (or ENTRA_REGISTER_TENANT): the tenant that owns the registration');
      const { client } = await adminGraphClient({
        authorityHost: config.microsoft.authorityHost,
        graphBaseUrl: config.microsoft.graphBaseUrl,
        tenant,
        clientId: process.env.ENTRA_REGISTER_CLIENT_ID,
        permissions: ['Application.Read.All'],
        onCode: (message) => console.log(message),
      });
      rows.push(...(await registrationRows(client, config)));
    }
    const tenantIds = database.client
      ? (
          await database.client
            .db(config.mongo.dbName)
            .collection<{ _id: string }>('tenants')
            .find({ 'consent.state': 'granted' }, { projection: { _id: 1 } })
            .toArray()
        ).map((t) => t._id)
      : [];
    rows.push(...(await tenantRows(config, tenantIds)));
    const userToken = values['user-token'];
    if (userToken)
      rows.push(
        ...(await userTokenRows(
          config,
          existsSync(userToken) ? readFileSync(userToken, 'utf8').trim() : userToken,
        )),
      );
    rows.push(...(await workerRows(database.client, config, values['worker-url'])));
  } finally {
    await database.client?.close();
  }
  console.log(renderTable(rows));
  const failed = rows.filter((r) => !r.ok).length;
  console.log(failed === 0 ? '\nAll checks passed.' : `\n${failed} check(s) failed.`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
