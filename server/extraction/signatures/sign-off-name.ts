/**
 * The sender's name written at the end of the body's last sentence ("Let me know.  Thanks, Kay",
 * "See you then. -Kay"), above a block that has no name of its own: the card still gets a name.
 */
import type { SenderProfile } from './sender';
import { trimEndOf } from './text-width';

const CLOSING_PUNCTUATION = /[.!?,;:]$|^[-–—~]$/;

/** The sender's name closing the last non-blank line above `first`, as written; undefined if none. */
export function nameClosingLineAbove(
  lines: string[],
  first: number,
  profile: SenderProfile,
): string | undefined {
  let above = first - 1;
  while (above >= 0 && (lines[above] ?? '').trim() === '') above -= 1;
  const line = (lines[above] ?? '').trim().slice(-200);
  const words = trimEndOf(line, '.!').split(/\s+/);
  const name = (words.at(-1) ?? '').replace(/^[-–—~]+/, '');
  const dashed = name !== words.at(-1);
  if (!/^\p{Lu}[\p{Ll}'-]+$/u.test(name) || !profile.nameTokens.has(name.toLowerCase())) return undefined;
  // The word before closes a sentence or a closing ("Thanks,"), or the name is set off by a dash.
  const before = words.at(-2) ?? '';
  return dashed || CLOSING_PUNCTUATION.test(before) ? name : undefined;
}
