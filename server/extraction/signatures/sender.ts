import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { FREE_MAIL, NICKNAMES } from './vocabulary';

export interface Sender {
  name?: string;
  address: string;
}

/** What we know about the sender that helps find and read their signature. */
export interface SenderProfile {
  /** Lower-case name parts of 2+ letters, with their usual short forms. */
  nameTokens: Set<string>;
  /** The name the sender's address is shown with, as the headers write it. */
  displayName: string;
  /** Name parts written in kanji/kana ("山田", "太郎"). */
  cjkTokens: string[];
  address: string;
  /** The sender's initials in upper case ("JS" for Jim Sanders, also "SJ": headers write "Sanders, Jim"). */
  initials: Set<string>;
  /** The sender writes from a free-mail service: the domain names no firm. */
  freeMail: boolean;
  /** The registrable label of the sender's domain ("watsonwyatt"), unless it is free mail. */
  companyLabel?: string;
}

const SECOND_LEVEL = /^(?:co|ne|or|ac|go|ed|gr|lg|com|net|org|gov|edu|ltd|plc)$/;

function domainLabels(address: string): string[] {
  const domain = address.split('@')[1]?.toLowerCase() ?? '';
  return domain.split('.').filter(Boolean);
}

function companyLabelOf(address: string): string | undefined {
  const domain = address.split('@')[1] ?? '';
  if (!domain || FREE_MAIL.test(domain)) return undefined;
  const labels = domainLabels(address);
  // example.co.jp → example; mail.example.com → example
  let index = labels.length - 2;
  if (index > 0 && SECOND_LEVEL.test(labels[index] ?? '')) index -= 1;
  const label = labels[index]?.replace(/[^a-z0-9]/g, '');
  return label && label.length >= 3 ? label : undefined;
}

/** A word of a name in an alphabet (Latin with its accents, Greek, Cyrillic); Chinese and Japanese names are read apart. */
const NAME_LETTERS =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}][\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}'-]*$/u;

export function buildSenderProfile(sender: Sender): SenderProfile {
  const nameTokens = new Set<string>();
  const cjkTokens: string[] = [];
  const name = (sender.name ?? '').replace(/\[mailto:[^[\]]*\]|<[^<>]*>|"/g, ' ');
  const latinWords = name
    .replace(/@\S*/g, ' ')
    .split(/[\s,.()]+/)
    .filter((word) => NAME_LETTERS.test(word));
  const local = sender.address.split('@')[0] ?? '';
  const localWords = local
    .split(/[._-]+/)
    .filter((word) => /^[A-Za-z]{2,}$/.test(word) && local.length > word.length);

  for (const word of [...latinWords, ...localWords]) {
    const lower = word.toLowerCase();
    if (lower.length < 2 || /^(?:jr|sr|ii|iii|iv|mr|mrs|ms|dr)$/.test(lower)) continue;
    nameTokens.add(lower);
    for (const short of NICKNAMES[lower] ?? []) nameTokens.add(short);
  }
  // First and last name only: "Jim A. Sanders" signs "JS" or "JAS", both are kept.
  const initials = new Set<string>();
  const parts = latinWords.filter((word) => !/^(?:jr|sr|ii|iii|iv|mr|mrs|ms|dr)$/i.test(word));
  if (parts.length >= 2 && parts.length <= 3) {
    const letters = parts.map((word) => word[0]?.toUpperCase() ?? '');
    const outer = `${letters[0]}${letters.at(-1)}`;
    initials.add(outer).add([...outer].reverse().join(''));
    if (letters.length === 3) initials.add(letters.join(''));
  }
  for (const part of name.split(/[\s\u3000,]+/)) {
    if (/^[\u3040-\u30ff\u3400-\u9fff]{1,6}$/.test(part)) cjkTokens.push(part);
  }

  return {
    nameTokens,
    displayName: name.replace(/\s+/g, ' ').trim(),
    cjkTokens,
    initials,
    freeMail: FREE_MAIL.test(sender.address.split('@')[1] ?? ''),
    address: sender.address.toLowerCase(),
    companyLabel: companyLabelOf(sender.address),
  };
}

/** The default phone region: the given one, else the sender's country-code TLD, else US. */
export function regionFor(address: string, defaultRegion?: string): CountryCode {
  const given = defaultRegion?.toUpperCase();
  if (given && isSupportedCountry(given)) return given;
  const tld = domainLabels(address).at(-1)?.toUpperCase() ?? '';
  if (tld === 'UK') return 'GB';
  // Vanity ccTLDs (.io, .co, .ai, .me, .tv …) say nothing about where a company is.
  if (/^(?:IO|CO|AI|ME|TV|LY|FM|TO|CC|WS|GG|SH|AC|VC|LA|IM|IS|AM)$/.test(tld)) return 'US';
  if (tld.length === 2 && isSupportedCountry(tld)) return tld;
  return 'US';
}
