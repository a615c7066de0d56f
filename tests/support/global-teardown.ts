import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__embeddedDb?.stop();
  await globalThis.__mailpit?.stop();
  if (process.env.TEST_DB_DATA_DIR) rmSync(process.env.TEST_DB_DATA_DIR, { recursive: true, force: true });
}
