import type { Person } from './people';
import { Rng } from './prng';
import type { PhoneType, RenderedSignature, SignatureTruth } from './signatures';

/**
 * Signature layouts of real letterheads that the basic ones (signatures.ts) leave out: addresses
 * over several lines (US, UK, continental Europe, Japan with 〒 and the building on its own line),
 * titles with "&" or a function after a dash, a department on its own line, extensions and type labels on phones, the "-- "
 * delimiter with columns separated by "|". Which one a person uses is drawn from a stream of its
 * own, so the rest of the scenario is unchanged by it.
 */

type PhoneOf = (type: PhoneType) => string | null;
type TruthOf = (fields: Partial<SignatureTruth>) => SignatureTruth;

const TITLE_ADDITIONS = ['Strategy', 'Partnerships', 'Planning', 'Logistics', 'Analytics'];

/** "2200 Westlake Ave, Seattle, WA 98121, USA" → street / city line / country, as letterheads print it. */
export function addressLines(address: string, country: Person['country']): string[] {
  if (country === 'JP') return address.split(' ');
  const parts = address.split(', ');
  if (country === 'US' && parts.length >= 3) {
    const countryLine = parts.at(-1) === 'USA' ? [parts.pop() as string] : [];
    const city = parts.splice(-2).join(', ');
    return [...parts, city, ...countryLine];
  }
  return parts;
}

/** The truth with the extension printed after the office number, when one was. */
function withOfficeExtension(told: SignatureTruth, digits: string): SignatureTruth {
  const office = told.phones.find((entry) => entry.type === 'office');
  if (office && digits) office.extension = digits;
  return told;
}

/** The person's layout, when they use one of these; undefined for the basic layouts. */
export function letterheadSignature(
  p: Person,
  phone: PhoneOf,
  truth: TruthOf,
): RenderedSignature | undefined {
  if (p.style === 3 || !p.company) return undefined;
  const layout = Rng.of('signature-layout', p.email);
  if (!layout.chance(0.5)) return undefined;
  const variant = layout.int(2);
  if (p.lang === 'ja') return japaneseLetterhead(p, phone, truth, layout);
  return variant === 0 ? stackedLetterhead(p, phone, truth, layout) : dashedColumns(p, phone, truth);
}

/** Name, title, department, company, the address over several lines, phones with labels and extension. */
function stackedLetterhead(p: Person, phone: PhoneOf, truth: TruthOf, layout: Rng): RenderedSignature {
  let title = layout.chance(0.5) ? `${p.title} & ${layout.pick(TITLE_ADDITIONS)}` : (p.title ?? '');
  const extensionDigits = layout.chance(0.5) ? String(layout.range(100, 999)) : '';
  const extension = extensionDigits ? ` ext. ${extensionDigits}` : '';
  const [officeLabel, mobileLabel] = layout.pick([
    ['Phone:', 'Mobile:'],
    ['Direct Line:', 'Cell:'],
    ['Tel.', 'Mob.'],
  ]);
  // "Manager - Logistics": the function after a dash, as corporate signatures of the 2000s wrote it.
  // Drawn last, so that the draws above stay what they were.
  if (title.includes(' & ') && layout.chance(0.5)) title = title.replace(' & ', ' - ');
  const office = phone('office');
  const mobile = phone('mobile');
  const fax = phone('fax');
  const lines = [
    p.name,
    title,
    p.department ?? '',
    p.company ?? '',
    ...addressLines(p.address ?? '', p.country),
  ];
  if (office) lines.push(`${officeLabel} ${office}${extension}`);
  if (mobile) lines.push(`${mobileLabel} ${mobile}`);
  if (fax) lines.push(`${fax} (fax)`);
  lines.push(p.email);
  const told = truth({
    title,
    department: p.department,
    company: p.company,
    email: p.email,
    address: p.address,
  });
  return { lines: lines.filter((line) => line !== ''), truth: withOfficeExtension(told, extensionDigits) };
}

/** The "-- " delimiter, then "Name | Title", the company, phones in columns and the web site. */
function dashedColumns(p: Person, phone: PhoneOf, truth: TruthOf): RenderedSignature {
  const office = phone('office');
  const mobile = phone('mobile');
  const lines = ['-- ', `${p.name} | ${p.title}`, p.company ?? ''];
  const numbers = [office && `O: ${office}`, mobile && `M: ${mobile}`].filter(Boolean);
  if (numbers.length > 0) lines.push(numbers.join(' | '));
  lines.push((p.url ?? '').replace(/^https:\/\//, ''));
  return {
    lines: lines.filter((line) => line !== ''),
    truth: truth({ title: p.title, company: p.company, url: p.url }),
  };
}

/** Company, department and title, name, the address from 〒 to the building, 内線 on the office number. */
function japaneseLetterhead(p: Person, phone: PhoneOf, truth: TruthOf, layout: Rng): RenderedSignature {
  const office = phone('office');
  const fax = phone('fax');
  const mobile = phone('mobile');
  const extensionDigits = layout.chance(0.5) ? String(layout.range(100, 999)) : '';
  const extension = extensionDigits ? `（内線 ${extensionDigits}）` : '';
  const lines = [
    p.company ?? '',
    `${p.department}\u3000${p.title}`,
    p.latinName ? `${p.name}（${p.latinName}）` : (p.name ?? ''),
    ...addressLines(p.address ?? '', p.country),
  ];
  if (office) lines.push(`TEL：${office}${extension}`);
  if (fax) lines.push(`FAX：${fax}`);
  if (mobile) lines.push(`携帯：${mobile}`);
  lines.push(`E-mail：${p.email}`);
  const told = truth({
    title: p.title,
    department: p.department,
    company: p.company,
    email: p.email,
    address: p.address,
  });
  return { lines: lines.filter((line) => line !== ''), truth: withOfficeExtension(told, extensionDigits) };
}
