/**
 * Blocks that look like a signature but are what the message is about: an address or a list the
 * body announces with a colon, a list of people with their numbers, a list of names that happens
 * to end with the sender's, or the card of a person the message has just named.
 */
import { GIVEN_NAMES } from './given-names';
import type { LineFeatures } from './line-features';

function firstNonBlankAbove(features: LineFeatures[], index: number): number {
  let above = index - 1;
  while (above >= 0 && features[above]?.blank) above -= 1;
  return above;
}

/**
 * "Please send the originals to:", "call one of these people:": a sentence ending in a colon right
 * above the block announces an address or a list the message is about, not the sender's
 * signature — unless the block is the sender's own ("my details are below:").
 */
function introducedAsContent(lines: string[], features: LineFeatures[], block: number[]): boolean {
  const first = block[0] ?? 0;
  // A closing opening the block ("Regards,") or the sender's own name or address makes it a
  // signature anyway.
  if (features[first]?.signOff) return false;
  if (block.some((i) => features[i]?.senderName || features[i]?.senderAddress)) return false;
  const above = firstNonBlankAbove(features, first);
  const line = features[above];
  const text = (lines[above] ?? '').trim();
  if (!line || line.signOff || line.quoted || text.split(/\s+/).length < 3) return false;
  return /[:：]$/.test(text);
}

/** A person's name opening a line: a given name first, and not the sender's. */
function otherPerson(line: LineFeatures | undefined): string | undefined {
  const first = line?.segments[0];
  if (!line || line.senderName || line.signOff || first?.kind !== 'name') return undefined;
  const words = first.text.split(/\s+/);
  return words.length >= 2 && GIVEN_NAMES.has(words[0]?.toLowerCase() ?? '') ? first.text : undefined;
}

const NUMBERS = new Set(['phone', 'extension']);

/**
 * "John Smith / 713-555-0100", a blank line, "Jane Doe / 713-555-0101": two people, each with a
 * number, neither of them the (known) sender and no closing, are a list of contacts.
 */
function contactList(features: LineFeatures[], block: number[], senderKnown: boolean): boolean {
  // Unknown, the sender may be one of them: a unit's signature lists its people with their numbers.
  if (!senderKnown || block.some((i) => features[i]?.senderName || features[i]?.signOff)) return false;
  const people = new Set<string>();
  block.forEach((index, position) => {
    const person = otherPerson(features[index]);
    const next = features[block[position + 1] ?? -1];
    const numbered = (line: LineFeatures | undefined) =>
      line?.segments.some((segment) => NUMBERS.has(segment.kind)) ?? false;
    if (person && (numbered(features[index]) || numbered(next))) people.add(person);
  });
  return people.size >= 2;
}

/**
 * "Sally Beck / Mike Jordan / Kim Ward": the sender's name closing a run of other people's names,
 * one a line with no blank between, is the last of a list.
 */
function endsListOfNames(features: LineFeatures[], block: number[]): boolean {
  const first = block[0] ?? 0;
  if (!features[first]?.senderName || features[first]?.signOff) return false;
  return otherPerson(features[first - 1]) !== undefined && otherPerson(features[first - 2]) !== undefined;
}

/**
 * "Call John Smith at …" and then "John Smith / x3-0100": the card of someone the body has just
 * named, when the sender is known to be someone else and nothing in the block is theirs.
 */
function namedInBody(
  lines: string[],
  features: LineFeatures[],
  block: number[],
  senderKnown: boolean,
): boolean {
  if (
    !senderKnown ||
    block.some((i) => features[i]?.senderName || features[i]?.signOff || features[i]?.senderAddress)
  )
    return false;
  const person = otherPerson(features[block[0] ?? -1]);
  if (!person) return false;
  const body = lines.slice(Math.max(0, (block[0] ?? 0) - 40), block[0]).join(' ');
  return body.includes(person);
}

export function isContentBlock(
  lines: string[],
  features: LineFeatures[],
  block: number[],
  senderKnown: boolean,
): boolean {
  return (
    introducedAsContent(lines, features, block) ||
    contactList(features, block, senderKnown) ||
    endsListOfNames(features, block) ||
    namedInBody(lines, features, block, senderKnown)
  );
}
