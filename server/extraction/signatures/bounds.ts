/**
 * Limits on the work one message can cause. Bodies come from strangers: whatever they hold, the
 * parser reads a bounded amount of text, and a line too long to be part of a signature is prose
 * without any pattern being tried on it.
 */

/** HTML beyond this many characters is not read (inline images and long newsletters end up here). */
export const MAX_HTML_CHARS = 1_000_000;

/** Text beyond this many characters is not read: a signature closes the sender's own text, which comes first. */
export const MAX_TEXT_CHARS = 100_000;

/** A line longer than this is running prose (or junk), never a signature line or a reply header. */
export const MAX_LINE_CHARS = 400;

export function isOverlong(line: string): boolean {
  return line.length > MAX_LINE_CHARS;
}

/** A line of more columns than this ("a | b | c …") is a table or junk, not a signature line. */
export const MAX_COLUMNS = 12;
