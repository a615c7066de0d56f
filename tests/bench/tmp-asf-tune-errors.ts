import { detectSignatureLines } from '../../server/extraction/signatures';
import { loadAsfMessages } from './signature-corpora';
const tune = loadAsfMessages().filter((e) => e.part === 'tune');
for (const e of tune) {
  const got = detectSignatureLines(e.text, e.sender);
  const lines = e.text.split('\n');
  const wrong = lines.some((l, i) => l.trim() !== '' && !e.ignored.has(i) && got.has(i) !== e.truth.has(i));
  if (!wrong) continue;
  console.log(`===== ${e.id}`);
  const idx = lines.map((l, i) => i).filter((i) => lines[i]!.trim() !== '');
  const relevant = new Set<number>();
  for (const i of idx) if (got.has(i) || e.truth.has(i)) for (let k = i - 3; k <= i + 2; k++) relevant.add(k);
  for (let i = 0; i < lines.length; i++) if (relevant.has(i)) {
    const mark = (e.truth.has(i) ? 'T' : e.ignored.has(i) ? 'i' : ' ') + (got.has(i) ? 'G' : ' ');
    console.log(`${mark} ${lines[i]!.slice(0, 110)}`);
  }
}
