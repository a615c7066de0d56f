/**
 * Text whose UTF-8 bytes were read as Windows-1252 somewhere on the way: "JÃ¶rn" for "Jörn",
 * "donâ€™t" for "don’t", "Â " for a no-break space. Some clients and list servers still do this;
 * the detector reads such a line as it was written, so a name or a blank line is recognised.
 */

/** Windows-1252's characters for the bytes 0x80–0x9F (the rest of the range is Latin-1's). */
const WINDOWS_1252_HIGH: ReadonlyMap<string, number> = new Map(
  [
    [0x20ac, 0x80],
    [0x201a, 0x82],
    [0x0192, 0x83],
    [0x201e, 0x84],
    [0x2026, 0x85],
    [0x2020, 0x86],
    [0x2021, 0x87],
    [0x02c6, 0x88],
    [0x2030, 0x89],
    [0x0160, 0x8a],
    [0x2039, 0x8b],
    [0x0152, 0x8c],
    [0x017d, 0x8e],
    [0x2018, 0x91],
    [0x2019, 0x92],
    [0x201c, 0x93],
    [0x201d, 0x94],
    [0x2022, 0x95],
    [0x2013, 0x96],
    [0x2014, 0x97],
    [0x02dc, 0x98],
    [0x2122, 0x99],
    [0x0161, 0x9a],
    [0x203a, 0x9b],
    [0x0153, 0x9c],
    [0x017e, 0x9e],
    [0x0178, 0x9f],
  ].map(([char, byte]) => [String.fromCharCode(char as number), byte as number]),
);

// A UTF-8 lead byte (0xC2–0xF4 shown as "Â"…"ô") followed by a continuation byte shown as Latin-1
// or Windows-1252: the mark of such text. Correct text rarely has the pair.
const MARK =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The line as written when it carries the mark and its bytes decode as UTF-8; otherwise unchanged. */
export function repairMojibake(line: string): string {
  if (!MARK.test(line)) return line;
  const bytes = new Uint8Array(line.length);
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    const byte = code <= 0xff ? code : WINDOWS_1252_HIGH.get(line[i] as string);
    if (byte === undefined) return line;
    bytes[i] = byte;
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return line;
  }
}
