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
  return line.includes('<')
    ? line.replace(/(?<=\S)<(?:https?:\/\/|mailto:|tel:)[^<>\s]{1,400}>/gi, '')
    : line;
}

export function readLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => withoutLinkTargets(repairMojibake(line)));
}
