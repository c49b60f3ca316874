// Builders for data a test crafts by hand, in the shapes the app writes:
// link payloads, backup files and banks. Shared by the specs that feed the
// app impossible, hostile or outdated input.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

export const DAY = 86_400_000;

export function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');
export const checksum = (text: string) => hex(crc32(Buffer.from(text, 'utf8')));

/** A link payload as `share::encode_*` writes it: `1.` + base64url(crc32 ‖ deflate(json)). */
export function linkPayload(value: unknown): string {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'));
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(packed));
  return '1.' + Buffer.concat([sum, packed]).toString('base64url');
}

/** A finished attempt in the stored (format 4) shape. */
export function attempt(id: string, at: number, shared?: { quiz_id: string; title: string; trainer: string }) {
  return {
    id, t: at,
    s: { banks: ['hazardous-drugs'], count: 1, mode: 'exam', pass_mark: 70, seed: 1, ...(shared ? { shared } : {}) },
    sc: [1, 1], p: true, bt: { 'hd-ppe': [1, 1] }, bb: { 'hazardous-drugs': [1, 1] }, d: 42,
    o: [[0, 'hd-001', 't', 1]],
  };
}

/** A backup file as `backup::export` writes it, checksums included. */
export function backupFile(doc: object, banks?: object[]): Buffer {
  const data = JSON.stringify(doc);
  let text = `{"format":"pharmquiz-backup","version":4,"exported_at":1.0,"checksum":"${checksum(data)}","data":${data}`;
  if (banks) {
    const b = JSON.stringify(banks);
    text += `,"banks":${b},"banks_checksum":"${checksum(b)}"`;
  }
  return Buffer.from(text + '}', 'utf8');
}

/** The example bank the app offers for download, under another id and title. */
export const exampleBank = readFileSync('src/domain/example-bank.toml', 'utf8');
export const siteBank = (id: string, title: string) =>
  exampleBank.replace('id = "my-pharmacy"', `id = "${id}"`).replace('title = "My pharmacy\'s questions"', `title = ${JSON.stringify(title)}`);
