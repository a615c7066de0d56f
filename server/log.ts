import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const maxDepth = 6;

/**
 * A word that holds an email address (alone, in <…>, or inside a URL): something@something.tld.
 * A scoped package in a stack trace (`node_modules/@azure/…`) has a slash before its "@" and stays.
 */
function holdsAddress(word: string): boolean {
  const at = word.indexOf('@');
  return at > 0 && word[at - 1] !== '/' && word.slice(at + 1).includes('.');
}

function scrubText(text: string): string {
  if (!text.includes('@')) return text;
  return text
    .split(/(\s+)/)
    .map((word) => (holdsAddress(word) ? '[address]' : word))
    .join('');
}

/**
 * Removes email addresses from whatever is logged: messages from Graph, MSAL or SMTP servers quote
 * addresses, and no personal data may reach the logs. Errors keep their type, code and stack.
 */
export function scrubPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > maxDepth) return value;
  if (value instanceof Error) {
    const { code } = value as { code?: unknown };
    return {
      type: value.name,
      message: scrubText(value.message),
      ...(code !== undefined ? { code } : {}),
      ...(value.stack ? { stack: scrubText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubPersonalData(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value; // dates, buffers, …
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubPersonalData(v, depth + 1)]));
}

/**
 * Structured JSON logs. Tokens, secrets and cookies never reach them, nor email addresses; request
 * lines name route patterns, not paths. `destination` defaults to stdout.
 */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  return pino(
    {
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
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubPersonalData(arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** Hides the password of a connection string and the value of any secret. */
export function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD/.test(name)) return '***';
  return value.replace(/\/\/([^:/@]+):([^@/]*)@/, '//$1:***@');
}
