import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, type Diagnostics } from 'recheck';
import { inventoryRegexes, type FoundRegex } from '../support/regex-inventory';

/**
 * Every regular expression in server/ can see email text, headers or request input, so none may
 * backtrack catastrophically. They are found by parsing the sources (regex literals and RegExp
 * constructions the compiler can resolve), never from a list kept by hand, and each is checked by
 * recheck, which proves a pattern safe by automata theory or, where that does not apply
 * (look-around, back-references, very large patterns), by seeded fuzzing.
 */

const root = path.resolve(__dirname, '../..');
// Fixed seed, and the fuzzing checker's steps bounded by how many characters it reads, never by
// the clock (its default time limits cut a search short at a different point on a loaded machine,
// and so gave a different verdict): the same verdict on every run. A generous overall timeout: a
// loaded machine makes the checker slower, never a pattern less safe.
const PARAMETERS = {
  randomSeed: 20240607,
  timeout: 120_000,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
} as const;
// A pattern proven safe once stays safe: verdicts are kept (outside the repository) per recheck
// version, parameters, flags and source, so a second run checks only what changed.
const CACHE = path.join(root, 'node_modules/.cache/redos/safe-verdicts.json');

function recheckVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('recheck/package.json'), 'utf8')) as { version: string })
    .version;
}

function readCache(): Set<string> {
  try {
    return new Set(JSON.parse(readFileSync(CACHE, 'utf8')) as string[]);
  } catch {
    return new Set();
  }
}

function describeVerdict(regex: FoundRegex, verdict: Diagnostics): string {
  const detail =
    verdict.status === 'vulnerable'
      ? `${verdict.complexity.summary}; attack ${verdict.attack.pattern}`
      : verdict.status === 'unknown'
        ? `unknown (${JSON.stringify(verdict.error)})`
        : verdict.status;
  return `${regex.where} /${regex.source}/${regex.flags}: ${detail}`;
}

describe('regular expressions in server/', () => {
  const inventory = inventoryRegexes(root, 'server');

  it('are found by parsing the sources, literals and constructed ones alike', () => {
    expect(inventory.regexes.length).toBeGreaterThan(100);
    // Known shapes: a literal, a pattern built from another's `.source`, and a `new RegExp` of a string.
    expect(
      inventory.regexes.some((r) => r.where.startsWith('server/extraction/signatures/quoted-parts.ts')),
    ).toBe(true);
    expect(
      inventory.regexes.some((r) => r.source.includes('|') && r.where.includes('field-parsing.ts')),
    ).toBe(true);
  });

  it('are all built from literals, so that the check sees every one of them', () => {
    expect(inventory.unresolved).toEqual([]);
  });

  it('cannot backtrack catastrophically on any input (recheck says "safe")', async () => {
    const version = recheckVersion();
    const cached = readCache();
    // "g" and "y" say where a search starts, not how a match backtracks: one check covers both forms.
    const flagsOf = (regex: FoundRegex) => regex.flags.replace(/[gyd]/g, '');
    const keyOf = (regex: FoundRegex) =>
      `${version}|${JSON.stringify(PARAMETERS)}|${flagsOf(regex)}|${regex.source}`;
    const unique = new Map(inventory.regexes.map((regex) => [keyOf(regex), regex]));
    const problems: string[] = [];
    for (const [key, regex] of unique) {
      if (cached.has(key)) continue;
      const verdict = await check(regex.source, flagsOf(regex), PARAMETERS);
      if (verdict.status === 'safe') cached.add(key);
      else problems.push(describeVerdict(regex, verdict));
    }
    mkdirSync(path.dirname(CACHE), { recursive: true });
    writeFileSync(CACHE, JSON.stringify([...cached]));
    expect(problems).toEqual([]);
  }, 600_000);
});
