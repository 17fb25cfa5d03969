import fs from 'node:fs';
import path from 'node:path';
import { isValidIdNumber, isValidUscc } from '../../src/modules/verification/validators/index.js';
import { TEST_PERSON_NAMES } from '../helpers/identities.js';

/**
 * The "no PII in logs" scanner. Generic detectors (any valid ID number or USCC, any mainland mobile
 * number, image bytes in any common encoding) plus the test identities' names. A finding says where
 * (file, line, column) and which detector fired; the value itself is shown masked only.
 */
export type Detector =
  | 'id_number'
  | 'uscc'
  | 'name'
  | 'phone'
  | 'image_raw'
  | 'image_base64'
  | 'image_hex'
  | 'image_byte_array';

export type Finding = { file: string; line: number; column: number; detector: Detector; masked: string };

/** First 3 and last 2 characters at most, and the length: enough to find it, not enough to leak it. */
export function maskValue(v: string): string {
  const chars = [...v];
  if (chars.length <= 4) return `${'*'.repeat(chars.length)} (${chars.length} chars)`;
  const keep = chars.length >= 10 ? 3 : 1;
  const tail = chars.length >= 10 ? 2 : 0;
  return `${chars.slice(0, keep).join('')}…${tail ? chars.slice(-tail).join('') : ''} (${chars.length} chars)`;
}

// 18-character candidates, bounded by non-digits (a run of 19+ digits is no ID number).
const ID_CANDIDATE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
// USCC alphabet (GB 32100: digits and capitals without I, O, S, V, Z), bounded by non-alphanumerics.
const USCC_CANDIDATE = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{18}(?![0-9A-Z])/g;
// Mainland mobile numbers, optionally with +86/86; not part of a longer number, a decimal fraction or
// an alphanumeric run (the hex groups of a UUID request id hold 11-digit runs now and then).
const PHONE = /(?<![0-9A-Za-z.])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])/g;

type Pattern = { detector: Detector; re: RegExp };

const IMAGE_PATTERNS: Pattern[] = [
  // Raw magic, as it shows in a UTF-8 file when bytes were logged as a latin1/binary string…
  { detector: 'image_raw', re: /\u00ff\u00d8\u00ff/g },
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the PNG signature holds control characters
  { detector: 'image_raw', re: /\u0089PNG(?:\r\n|\\r\\n)(?:\u001a|\\u001a)(?:\n|\\n)/g },
  { detector: 'image_raw', re: /RIFF[\s\S]{4,24}WEBP/g },
  // …as base64 or base64url: JPEG starts /9j/, PNG iVBORw0KGgo, RIFF (WebP) UklGR.
  { detector: 'image_base64', re: /(?:\/9j\/|_9j_)[A-Za-z0-9+/_-]{8,}/g },
  { detector: 'image_base64', re: /iVBORw0KGgo/g },
  { detector: 'image_base64', re: /UklGR[A-Za-z0-9+/_-]{6,}/g },
  // …as hex (a hex run that starts with the magic), or as a JSON-serialised Buffer.
  { detector: 'image_hex', re: /(?<![0-9a-f])ffd8ff[0-9a-f]{2,}/gi },
  { detector: 'image_hex', re: /(?<![0-9a-f])89504e470d0a1a0a/gi },
  { detector: 'image_hex', re: /(?<![0-9a-f])52494646[0-9a-f]{8}57454250/gi },
  { detector: 'image_byte_array', re: /\[\s*255\s*,\s*216\s*,\s*255\b/g },
  { detector: 'image_byte_array', re: /\[\s*137\s*,\s*80\s*,\s*78\s*,\s*71\b/g },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name as written, or with its characters JSON-escaped (\uXXXX), Latin ones in any case. */
function namePattern(names: readonly string[]): RegExp {
  const alts = names.flatMap((n) => {
    const escaped = [...n].map((c) => `\\\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');
    return [escapeRe(n), escaped];
  });
  return new RegExp(alts.join('|'), 'gi');
}

export function createScanner(opts: { names?: readonly string[] } = {}) {
  const names = namePattern(opts.names ?? TEST_PERSON_NAMES);

  /** Findings in one line of text (file and line are filled by the caller). */
  function scanLine(text: string): Array<Omit<Finding, 'file' | 'line'>> {
    const out: Array<Omit<Finding, 'file' | 'line'>> = [];
    const add = (detector: Detector, m: RegExpMatchArray) =>
      out.push({ detector, column: (m.index ?? 0) + 1, masked: maskValue(m[0]) });
    for (const m of text.matchAll(ID_CANDIDATE)) if (isValidIdNumber(m[0].toUpperCase())) add('id_number', m);
    for (const m of text.matchAll(USCC_CANDIDATE)) if (isValidUscc(m[0])) add('uscc', m);
    for (const m of text.matchAll(PHONE)) add('phone', m);
    for (const m of text.matchAll(names)) add('name', m);
    for (const { detector, re } of IMAGE_PATTERNS) for (const m of text.matchAll(re)) add(detector, m);
    return out;
  }

  /** Scans a text of many lines (an NDJSON log) as if it were the file `file`. */
  function scanText(text: string, file = '<text>'): Finding[] {
    const findings: Finding[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const found = scanLine(lines[i]!).sort((a, b) => a.column - b.column);
      for (const f of found) findings.push({ file, line: i + 1, ...f });
    }
    return findings;
  }

  /**
   * Scans the file's UTF-8 text with every detector, then its bytes (as latin1, one character per
   * byte) for raw JPEG/PNG signatures, which invalid UTF-8 would otherwise hide.
   */
  function scanFile(file: string): { lines: number; findings: Finding[] } {
    const buf = fs.readFileSync(file);
    const utf8 = buf.toString('utf8');
    const findings = scanText(utf8, file);
    // Raw bytes that are not valid UTF-8 (an image written as binary) only show in a byte view.
    const bytes = buf.toString('latin1').split('\n');
    for (let i = 0; i < bytes.length; i++) {
      const line = bytes[i]!;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the PNG signature holds control characters
      for (const re of [/\xff\xd8\xff/g, /\x89PNG\r\n\x1a\n/g]) {
        for (const m of line.matchAll(re)) {
          findings.push({
            file,
            line: i + 1,
            column: (m.index ?? 0) + 1,
            detector: 'image_raw',
            masked: '(binary)',
          });
        }
      }
    }
    return { lines: utf8.split('\n').filter((l) => l.length > 0).length, findings };
  }

  return { scanLine, scanText, scanFile };
}

/** Every `*.ndjson` file under dir (recursively). */
export function logFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ndjson'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export function formatFinding(f: Finding, root = process.cwd()): string {
  return `${path.relative(root, f.file)}:${f.line}:${f.column} ${f.detector} ${f.masked}`;
}
