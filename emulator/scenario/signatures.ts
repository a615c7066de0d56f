import type { Country, Person } from './people';
import { personAt } from './people';
import { Rng } from './prng';
import { letterheadSignature } from './signature-layouts';

/**
 * Signature blocks as people really type them, in English and Japanese layouts, and the truth
 * of what each one says. A benchmark scores a signature parser against `truth`: it holds exactly
 * the fields printed in the block (null when the block does not show one).
 */

export type PhoneType = 'office' | 'mobile' | 'fax';

export interface SignatureTruth {
  /** The signature block as printed, line by line. */
  lines: string[];
  /**
   * Lines of the message that are neither signature nor not: the closing above the block, a device
   * footer and a disclaimer below it. Scorers ignore them on both sides.
   */
  ignored: string[];
  name: string;
  title: string | null;
  department: string | null;
  company: string | null;
  /** `extension`: digits written after the number ("ext. 204"), dialled after it. */
  phones: Array<{ type: PhoneType; number: string; e164: string; extension?: string }>;
  email: string | null;
  address: string | null;
  url: string | null;
}

export interface RenderedSignature {
  lines: string[];
  truth: SignatureTruth;
}

export interface SignatureOptions {
  /** Print digits full-width (０３－…), as some Japanese mail clients and people do. */
  fullWidth?: boolean;
  /** Use the national format (03-…, (206) …) rather than the international one. */
  national?: boolean;
}

const FULL_WIDTH: Record<string, string> = { '-': '－', '+': '＋', '(': '（', ')': '）', ' ': ' ' };

export function toFullWidth(text: string): string {
  return text.replace(/[0-9+\-()]/g, (c) =>
    /[0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : (FULL_WIDTH[c] ?? c),
  );
}

/** Prints an E.164 number the way people of that country write it. */
export function formatPhone(e164: string, country: Country, national: boolean): string {
  switch (country) {
    case 'US': {
      const d = e164.slice(2);
      return national
        ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`
        : `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    }
    case 'GB': {
      const d = e164.slice(3);
      const [a, b, c] = d.startsWith('7')
        ? [d.slice(0, 4), d.slice(4), '']
        : [d.slice(0, 2), d.slice(2, 6), d.slice(6)];
      const rest = c ? `${b} ${c}` : b;
      return national ? `0${a} ${rest}` : `+44 ${a} ${rest}`;
    }
    case 'DE': {
      const d = e164.slice(3);
      const areaLen = d.startsWith('15')
        ? 3
        : d.startsWith('3') || d.startsWith('6') || d.startsWith('8')
          ? 2
          : 3;
      return national
        ? `0${d.slice(0, areaLen)} ${d.slice(areaLen)}`
        : `+49 ${d.slice(0, areaLen)} ${d.slice(areaLen)}`;
    }
    case 'JP': {
      const d = e164.slice(3);
      const parts = /^[789]0/.test(d)
        ? [d.slice(0, 2), d.slice(2, 6), d.slice(6)]
        : /^[36]/.test(d)
          ? [d.slice(0, 1), d.slice(1, 5), d.slice(5)]
          : [d.slice(0, 2), d.slice(2, 5), d.slice(5)];
      return national ? `0${parts.join('-')}` : `+81-${parts.join('-')}`;
    }
  }
}

const EN_LABELS = [
  { office: 'T:', mobile: 'M:', fax: 'F:' },
  { office: 'Office:', mobile: 'Mobile:', fax: 'Fax:' },
  { office: 'Direct:', mobile: 'Cell:', fax: 'Fax:' },
  { office: 'Tel:', mobile: 'Mobile:', fax: 'Fax:' },
];

/**
 * Renders a person's signature as of `at`. The layout follows the person's `style`; free-mail
 * people (style 3) sign with little more than a name.
 */
export function renderSignature(
  person: Person,
  at: number,
  options: SignatureOptions = {},
): RenderedSignature {
  const rendered = renderLayout(person, at, options);
  return { lines: rendered.lines, truth: { ...rendered.truth, lines: rendered.lines } };
}

function renderLayout(person: Person, at: number, options: SignatureOptions): RenderedSignature {
  const p = personAt(person, at);
  const phones: SignatureTruth['phones'] = [];
  const phone = (type: PhoneType): string | null => {
    const e164 = p.phones[type];
    if (!e164) return null;
    let number = formatPhone(e164, p.country, options.national ?? (p.lang === 'ja' || p.style === 1));
    if (options.fullWidth) number = toFullWidth(number);
    phones.push({ type, number, e164 });
    return number;
  };
  const truth = (fields: Partial<SignatureTruth>): SignatureTruth => ({
    lines: [],
    ignored: [],
    name: p.name,
    title: null,
    department: null,
    company: null,
    email: null,
    address: null,
    url: null,
    ...fields,
    phones,
  });

  const letterhead = letterheadSignature(p, phone, truth);
  if (letterhead) return letterhead;
  if (p.lang === 'ja' && p.style !== 3) return japaneseSignature(p, phone, truth);

  const labels = EN_LABELS[p.style % EN_LABELS.length]!;
  const lines: string[] = [];
  switch (p.style) {
    case 0: {
      lines.push(p.name, [p.title, p.department].filter(Boolean).join(' | '), p.company ?? '');
      const tel = [phone('office'), phone('mobile')];
      lines.push(
        [tel[0] && `${labels.office} ${tel[0]}`, tel[1] && `${labels.mobile} ${tel[1]}`]
          .filter(Boolean)
          .join(' | '),
      );
      const fax = phone('fax');
      if (fax) lines.push(`${labels.fax} ${fax}`);
      lines.push(p.address ?? '', `${p.email} | ${p.url}`);
      return {
        lines: lines.filter((l) => l !== ''),
        truth: truth({
          title: p.title,
          department: p.department,
          company: p.company,
          email: p.email,
          address: p.address,
          url: p.url,
        }),
      };
    }
    case 1: {
      lines.push('--', `${p.name}, ${p.title}`, p.company ?? '');
      for (const type of ['office', 'mobile', 'fax'] as const) {
        const number = phone(type);
        if (number) lines.push(`${labels[type]} ${number}`);
      }
      lines.push((p.url ?? '').replace(/^https:\/\//, ''));
      return {
        lines: lines.filter((l) => l !== ''),
        truth: truth({ title: p.title, company: p.company, url: p.url }),
      };
    }
    case 2: {
      lines.push(p.name, p.title ?? '', `${p.department} Department, ${p.company}`);
      for (const type of ['office', 'mobile', 'fax'] as const) {
        const number = phone(type);
        if (number) lines.push(`${labels[type]} ${number}`);
      }
      lines.push(`Email: ${p.email}`, `Web: ${p.url}`, `Address: ${p.address}`);
      return {
        lines: lines.filter((l) => l !== ''),
        truth: truth({
          title: p.title,
          department: p.department,
          company: p.company,
          email: p.email,
          address: p.address,
          url: p.url,
        }),
      };
    }
    default: {
      const developer = developerSignature(p);
      if (developer) return { lines: developer, truth: truth({ email: p.email }) };
      lines.push(p.name);
      const mobile = phone('mobile');
      if (mobile) lines.push(p.lang === 'ja' ? `携帯: ${mobile}` : `Mobile: ${mobile}`);
      return { lines, truth: truth({}) };
    }
  }
}

/**
 * Some free-mail writers sign as open-source developers do: a "-- " rule, their name (some in lower
 * case) with their address, and a key's fingerprint. Chosen by the address, so that no draw of
 * the scenario changed when the layout was added.
 */
function developerSignature(p: ReturnType<typeof personAt>): string[] | null {
  if (p.lang !== 'en') return null;
  const hash = Rng.of('developer-signature', p.email);
  if (!hash.chance(0.3)) return null;
  const name = hash.chance(0.4) ? p.name.toLowerCase() : p.name;
  const groups = Array.from({ length: 10 }, () =>
    hash.int(0x10000).toString(16).toUpperCase().padStart(4, '0'),
  );
  return [
    '-- ',
    `${name} <${p.email}>`,
    `PGP fingerprint: ${groups.slice(0, 5).join(' ')}  ${groups.slice(5).join(' ')}`,
  ];
}

function japaneseSignature(
  p: Person,
  phone: (type: PhoneType) => string | null,
  truth: (fields: Partial<SignatureTruth>) => SignatureTruth,
): RenderedSignature {
  const office = phone('office');
  const fax = phone('fax');
  const mobile = phone('mobile');
  const all = truth({
    title: p.title,
    department: p.department,
    company: p.company,
    email: p.email,
    address: p.address,
    url: p.url,
  });
  if (p.style === 0) {
    const rule = '━━━━━━━━━━━━━━━━━━━━━━━━━━';
    const lines = [rule, p.company ?? '', `${p.department}\u3000${p.title}`];
    lines.push(p.latinName ? `${p.name}（${p.latinName}）` : p.name, p.address ?? '');
    lines.push([office && `TEL：${office}`, fax && `FAX：${fax}`].filter(Boolean).join('\u3000'));
    if (mobile) lines.push(`携帯：${mobile}`);
    lines.push(`E-mail：${p.email}`, `URL：${p.url}`, rule);
    return { lines: lines.filter((l) => l !== ''), truth: all };
  }
  const rule = '-------------------------------------------';
  const lines = [rule, p.latinName ? `${p.name} / ${p.latinName}` : p.name];
  lines.push(`${p.company} ${p.department} ${p.title}`);
  lines.push(
    [office && `TEL ${office}`, fax && `FAX ${fax}`, mobile && `Mobile ${mobile}`]
      .filter(Boolean)
      .join(' / '),
  );
  lines.push(`Mail ${p.email}`);
  if (p.style === 2) lines.push(p.address ?? '', p.url ?? '');
  lines.push(rule);
  return {
    lines: lines.filter((l) => l !== ''),
    truth: p.style === 2 ? all : { ...all, address: null, url: null },
  };
}
