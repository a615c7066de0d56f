/**
 * The container's HEALTHCHECK: exits 0 when this container's process (API or worker) answers
 * /healthz on its management port (MANAGEMENT_PORT), or else on the API port. No dependencies, so
 * it starts in milliseconds.
 */
import http from 'node:http';
import https from 'node:https';

const managementPort = process.env.MANAGEMENT_PORT;
const tls = !managementPort && (process.env.TLS_CERT_FILE ?? '').trim() !== '';
const port = Number(managementPort || process.env.PORT || 3000);
const client = tls ? https : http;

const req = client.get(
  { host: '127.0.0.1', port, path: '/healthz', timeout: 4_000, rejectUnauthorized: false },
  (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  },
);
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
