import { ConfigError } from './config';
import { DatabaseUnreachableError } from './db/client';

/**
 * Runs a process entry point. Start-up failures a person can fix (bad configuration, unreachable
 * database, taken port) end with one clear line and exit code 1, not a stack trace.
 */
export function runProcess(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
    else if (err instanceof DatabaseUnreachableError) console.error(err.message);
    else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE')
      console.error(`Cannot listen: ${(err as Error).message} (set PORT to a free port)`);
    else console.error('Start-up failed:', err);
    process.exit(1);
  });
}
