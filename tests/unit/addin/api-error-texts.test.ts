import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import en from '../../../addin/common/locales/en.json';
import ja from '../../../addin/common/locales/ja.json';

/**
 * Every error code the server can answer with has a text in every language of the panes, so a
 * Japanese admin never reads the service's English message inside a Japanese sentence. The codes
 * are read from the server's source: the error helpers' first arguments, `new ApiError(status,
 * code…)`, literal `{ error: { code } }` answers, `code = …` assignments and the body-parser table.
 */

const serverDir = path.resolve(__dirname, '../../../server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(name) ? [file] : [];
  });
}

const code = String.raw`'([a-z][a-z0-9]*(?:_[a-z0-9]+)*)'`;

function serverErrorCodes(): Map<string, string> {
  const files = sourceFiles(serverDir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  // Helpers whose first parameter is the code: `const forbidden = (code: string, …)`, `function x(code: string`.
  const helpers = new Set(['ApiError']);
  for (const { text } of files)
    for (const m of text.matchAll(/(?:const|function)\s+(\w+)\s*=?\s*\(\s*code\s*:\s*string/g))
      helpers.add(m[1]!);
  const patterns = [
    new RegExp(String.raw`\b(?:${[...helpers].join('|')})\(\s*(?:\d{3}\s*,\s*)?${code}`, 'g'),
    new RegExp(String.raw`\berror\s*:\s*\{\s*code\s*:\s*${code}`, 'g'),
    new RegExp(String.raw`\[\s*\d{3}\s*,\s*${code}\s*,`, 'g'),
  ];
  const found = new Map<string, string>();
  for (const { file, text } of files) {
    const where = path.relative(serverDir, file);
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1]!, where);
    // `code = 'a_b'` or `code = cond ? 'a_b' : 'c_d'`: the snake_case literals up to the statement's end.
    for (const m of text.matchAll(/\b(?:let|const)\s+code\s*=\s*([^;]*);/g))
      for (const literal of m[1]!.matchAll(/'([a-z0-9]+(?:_[a-z0-9]+)+)'/g)) found.set(literal[1]!, where);
  }
  return found;
}

test('the scan finds the server’s error codes (it would otherwise pass by finding none)', () => {
  const codes = serverErrorCodes();
  for (const known of [
    'internal_error', // the error handler's default
    'invalid_request', // parseInput
    'payload_too_large', // body-parser table
    'token_expired', // a local helper in auth
    'microsoft_365_access_denied', // chosen by a conditional expression
    'database_unavailable', // a literal { error: { code } } answer
  ])
    expect([known, codes.has(known)]).toEqual([known, true]);
});

test('every error code the server can send has an English and a Japanese text', () => {
  const missing: string[] = [];
  for (const [errorCode, file] of serverErrorCodes()) {
    const key = `error.${errorCode}`;
    if (!(key in en)) missing.push(`en ${key} (${file})`);
    if (!(key in ja)) missing.push(`ja ${key} (${file})`);
  }
  expect(missing).toEqual([]);
});
