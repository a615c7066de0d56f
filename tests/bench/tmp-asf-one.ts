import { findSignatureBlock } from '../../server/extraction/signatures/block-detection';
import { loadAsfMessages } from './signature-corpora';
const e = loadAsfMessages().find((x) => x.id === process.argv[2])!;
if (!e.id.startsWith('train')) throw new Error('tune only');
const b = findSignatureBlock(e.text, e.sender);
const lines = e.text.split('\n');
lines.forEach((l, i) => { const f = b.features[i]; if (i >= lines.length - Number(process.argv[3] ?? 30)) console.log(i, (b.lines.includes(i) ? 'G' : ' ') + (e.truth.has(i) ? 'T' : ' '), JSON.stringify(l.slice(0, 80)), f ? (f.signatureLike ? 'sig' : 'pro') + ' ' + f.segments.map((s) => s.kind).join(',') : 'AFTER-END'); });
