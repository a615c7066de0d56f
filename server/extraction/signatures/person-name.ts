/**
 * The person a signature block names: which of the name-like lines is the sender, and the name as
 * a card shows it (credentials and stray punctuation off, one person of a pair, capitals restored).
 */
import { NAME_CREDENTIALS, NAME_LINK } from './segment-kinds';
import type { SenderProfile } from './sender';
import { cleanFieldText, trimEndOf, withoutTrailingNote } from './text-width';

export interface NameCandidate {
  text: string;
  sender: boolean;
  /** The line a name-like line stands on, alone. */
  aloneOn?: number;
}

/** "Ward, Kim": the name as directories print it, surname first. */
export const SURNAME_FIRST = /^(\p{Lu}[\p{Ll}'’-]+), (\p{Lu}[\p{Ll}'’-]+)(?: (\p{Lu})\.?)?$/u;

/** "Hartwell & Baxter" is no fuller a name than "Bill Hartwell". */
const words = (candidate: NameCandidate): number =>
  candidate.text.split(/\s+/).filter((word) => !/^(?:and|&)$/i.test(word)).length;

/** The fullest form of the sender's name ("Tom Becker" over the "Tom" under "Cheers"), else the first name-like line. */
export function choosePerson(people: NameCandidate[]): NameCandidate | undefined {
  const senderNames = people.filter((candidate) => candidate.sender);
  const first = people[0];
  // "-Frank" above "Frank Kelly": the same person, and the card wants the full name.
  const firstWord = (candidate: NameCandidate) => candidate.text.split(/\s+/)[0]?.toLowerCase();
  const fuller =
    first && words(first) === 1
      ? people.find((candidate) => words(candidate) > 1 && firstWord(candidate) === firstWord(first))
      : undefined;
  return (
    senderNames.reduce<NameCandidate | undefined>(
      (best, candidate) => (!best || words(candidate) > words(best) ? candidate : best),
      undefined,
    ) ??
    fuller ??
    first
  );
}

/** The chosen line as the card shows the person's name. */
export function personOnCard(text: string, profile: SenderProfile): string {
  return asOnCard(cleanName(onePerson(text, profile)), profile);
}

function cleanName(text: string): string {
  const name = withoutTrailingNote(text).replace(NAME_CREDENTIALS, '');
  // "Smith." loses its full stop; an initial ("J.") keeps it.
  const bare = trimEndOf(name, '.!');
  const kept = /[a-z]{3}$/.test(bare) ? bare : trimEndOf(name, '!');
  return cleanFieldText(trimEndOf(kept, ',!'));
}

/** "Christian and Steve" signs for two people: the card is the sender's, so their part (else the first). */
function onePerson(text: string, profile: SenderProfile): string {
  const people = text.replace(/\s+/g, ' ').split(/ (?:and|&) /);
  if (people.length < 2) return text;
  const isSender = (person: string) =>
    person.split(/\s+/).some((word) => profile.nameTokens.has(word.toLowerCase()));
  return people.find(isSender) ?? people[0] ?? text;
}

/** "andré martins" signed in lower case is shown as the headers write it, else with capitals. */
function asOnCard(name: string, profile: SenderProfile): string {
  if (name !== name.toLowerCase() || !/\p{Ll}/u.test(name)) return name;
  if (profile.displayName.toLowerCase() === name) return profile.displayName;
  return name
    .split(' ')
    .map((word) => (NAME_LINK.test(word) ? word : (word[0]?.toUpperCase() ?? '') + word.slice(1)))
    .join(' ');
}
