/**
 * The lines of a message body as the signature detector and the field parser read them: in the
 * characters they were written in, and without the link targets a client wrote out behind a
 * link's text.
 */
import { repairMojibake } from './mojibake';

/**
 * "www.fabrikam.de<http://www.fabrikam.de/>", "kim@fabrikam.de<mailto:kim@fabrikam.de>",
 * "+49 40 555 0100<tel:+49405550100>": the target repeats what the text shows.
 */
function withoutLinkTargets(line: string): string {
  if (!line.includes('<')) return line;
  // Written tight behind the text, or a space after text that is itself a link, an address or a
  // number ("https://linkedin.com/in/kim <https://linkedin.com/in/kim>"); after a word ("Blog
  // <https://…>") the target is the only place the link shows, and stays.
  const tight = line.replace(/(?<=\S)<(?:https?:\/\/|mailto:|tel:)[^<>\s]{1,400}>/gi, '');
  return tight.replace(/ <(?:https?:\/\/|mailto:|tel:)[^<>\s]{1,400}>/gi, (target, at: number) => {
    // The word before it: each search back stops at the space before this target's, so the whole
    // line is read once however many targets it holds.
    const text = tight.slice(Math.max(tight.lastIndexOf(' ', at - 1) + 1, at - 400), at);
    return /[.@/\d]/.test(text) ? '' : target;
  });
}

export function readLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => withoutLinkTargets(repairMojibake(line)));
}
