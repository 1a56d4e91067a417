/**
 * Bytes → string. Order: byte-order mark, Content-Type charset, XML prolog `encoding=`,
 * HTML `<meta charset>`, then UTF-8. TextDecoder (WHATWG labels) covers latin1/windows-1252,
 * iso-8859-x, shift_jis, euc-kr, gb18030, koi8-r…; an unknown label falls back to UTF-8.
 */

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1]!.trim().toLowerCase() : null;
}

function sniffDeclared(bytes: Uint8Array): string | null {
  // Declarations are ASCII; look at the first 1 KiB as latin1 so no byte is lost.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  return null;
}

function bom(bytes: Uint8Array): { label: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  return null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/** The label used to decode `bytes` (after the fetcher's choice), e.g. 'windows-1252'. */
export function detectCharset(bytes: Uint8Array, contentType?: string | null): string {
  const b = bom(bytes);
  if (b) return b.label;
  for (const label of [charsetFromContentType(contentType), sniffDeclared(bytes)]) {
    if (label) {
      const d = decoderFor(label);
      // A document that declares UTF-16 in ASCII is not UTF-16; ignore that lie.
      if (d && !d.encoding.startsWith('utf-16')) return d.encoding;
    }
  }
  return 'utf-8';
}

// 0x80–0x9F in windows-1252 (WHATWG also uses it for the labels latin1 and iso-8859-1). Some Node
// builds decode this label as plain ISO-8859-1, giving C1 control characters; map them ourselves.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const s = new TextDecoder('windows-1252').decode(bytes);
  return /[\u0080-\u009f]/.test(s) ? s.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : s;
}

export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const b = bom(bytes);
  if (b) return new TextDecoder(b.label).decode(bytes.subarray(b.skip));
  const label = detectCharset(bytes, contentType);
  if (label === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(label).decode(bytes);
}
