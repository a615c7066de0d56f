import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Tokens, secrets and cookies never reach them. */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    base: { process: name },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.clientSecret',
        '*.password',
        '*.accessToken',
      ],
      censor: '***',
    },
  });
}
