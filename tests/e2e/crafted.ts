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

/** A Moodle GIFT file with three good questions (multiple choice, weighted
 * multiple response, true/false), one essay (skipped), one short answer
 * (skipped) and one question whose `{` is never closed (an error on line 17). */
export const giftWithErrors = [
  '// Pharmacy law questions exported from Moodle',
  '$CATEGORY: $course$/top/Pharmacy law',
  '',
  '::law-1::Which DEA form is used to order Schedule II drugs? {',
  '  =DEA Form 222 # Right: the official order form.',
  '  ~DEA Form 106 # That one reports theft or loss.',
  '  ~DEA Form 41',
  '  #### Schedule II orders use Form 222 or CSOS.',
  '}',
  '',
  '::law-2::Which drugs are Schedule II? {~%50%Morphine ~%50%Oxycodone ~%-100%Diazepam ~%-100%Pregabalin}',
  '',
  '::law-3::A pharmacy keeps its biennial inventory records for at least two years. {T}',
  '',
  '::law-4::Describe the steps of a DEA Form 106 report. {}',
  '',
  '::law-5::Which form reports a theft? {',
  '  =Form 106',
  '',
  '::law-6::The schedule of codeine cough syrup is {=V =five}.',
  '',
].join('\n');

const cite797 = '// pharmquiz: citation = { source = "USP <797>", section = "4.1 Microbial Control in Facilities", edition = "2023 (official Nov 1, 2023)" }';

/** A trainer's GIFT file with a short-answer, a matching and a multiple-choice
 * question with feedback per option, and a matching question with one pair. */
export const giftNewTypes = [
  '// Clean room questions from a trainer',
  '$CATEGORY: $course$/top/Clean rooms',
  '',
  cite797,
  '::iso-pec::Which ISO class of air must a primary engineering control (PEC) provide? Type the class. {',
  '  =ISO Class 5',
  '  =ISO 5',
  '  =%50%Class 5',
  '  #### A PEC provides at least ISO Class 5 air.',
  '}',
  '',
  cite797,
  '::iso-areas::Match each area to the minimum ISO class USP <797> sets for it. {',
  '  =Inside the PEC -> ISO Class 5',
  '  =Buffer room -> ISO Class 7',
  '  =Ante-room that opens only to a positive-pressure buffer room -> ISO Class 8',
  '  #### The PEC is ISO Class 5, the buffer room ISO Class 7, and an ante-room that opens only to a positive-pressure buffer room ISO Class 8.',
  '}',
  '',
  cite797,
  '::iso-buffer::Which ISO class must the buffer room meet? {',
  '  =ISO Class 7',
  '  ~ISO Class 5 # That is the class inside the PEC, not the room around it.',
  '  ~ISO Class 8 # Class 8 is for an ante-room that opens only to a positive-pressure buffer room.',
  '  #### The buffer room must meet at least ISO Class 7.',
  '}',
  '',
  '::one-pair::Match the area. {=PEC -> ISO Class 5}',
  '',
].join('\n');

/** An Aiken file with two questions. */
export const aikenFile = [
  'What is the refrigerator range under USP?',
  'A. 2 °C to 8 °C',
  'B. 8 °C to 15 °C',
  'C. 20 °C to 25 °C',
  'ANSWER: A',
  '',
  'Which temperature range is "cool" under USP?',
  'A) 2 °C to 8 °C',
  'B) 8 °C to 15 °C',
  'C) 20 °C to 25 °C',
  'ANSWER: B',
  '',
].join('\n');

/** A semicolon-separated CSV, as a European spreadsheet saves it. */
export const csvFile = [
  'id;type;stem;a;b;c;answer;tolerance;unit;explanation;source;section;edition',
  'csv-1;single;"Which room is ISO Class 7; buffer or ante?";Buffer room;Segregated compounding area;Hallway;A;;;The buffer room is ISO Class 7.;USP <797>;4.1;2023',
  'csv-2;numeric;How many grams of drug are in 250 mL of a 2% (w/v) solution?;;;;5;0;g;2 g per 100 mL × 250 mL = 5 g.;USP General Notices;Percentage Concentrations;USP–NF, current',
  '',
].join('\n');
