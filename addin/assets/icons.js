/**
 * Draws the add-in's icon (two people joined by a line, on the brand blue) as PNG files of any
 * size, so the build emits every icon size the manifest names without binary files in the repository.
 * Plain Node: zlib for the PNG's deflate stream, 4×4 supersampling for smooth edges.
 */
const { Buffer } = require('node:buffer');
const zlib = require('node:zlib');

const brand = [15, 108, 189]; // Fluent's brand blue (#0F6CBD)
const white = [255, 255, 255];

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Colour of one point of the icon in unit coordinates (0..1), or null for transparent. */
function paint(x, y) {
  const inCircle = (cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const nearSegment = (ax, ay, bx, by, w) => {
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= w;
  };
  const r = 0.2; // rounded-square corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  if (inCircle(0.32, 0.38, 0.12) || inCircle(0.68, 0.62, 0.12) || nearSegment(0.32, 0.38, 0.68, 0.62, 0.045))
    return white;
  return brand;
}

function iconPng(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const o = 1 + px * 4;
      row[o] = covered ? Math.round(sum[0] / covered) : 0;
      row[o + 1] = covered ? Math.round(sum[1] / covered) : 0;
      row[o + 2] = covered ? Math.round(sum[2] / covered) : 0;
      row[o + 3] = Math.round(sum[3] / (samples * samples));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// 16/32/80: desktop buttons; 64/128: the add-in's icon; 25/32/48 at scales 1–3: Outlook mobile's button.
const iconSizes = [16, 25, 32, 48, 50, 64, 75, 80, 96, 128, 144];

module.exports = { iconPng, iconSizes };
