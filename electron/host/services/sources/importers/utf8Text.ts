import { unreadable } from './sourceImporter';

/** The length of the longest prefix of `bytes` that is UTF-8, possibly cut inside its last character. */
function validPrefixLength(bytes: Uint8Array): number {
  // A prefix decodes (streaming, so a character cut at its end is not yet an error) iff no earlier byte is invalid:
  // the property is monotone, so a binary search finds the first bad byte in about 25 decodes of a 32 MB file.
  const decodes = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (decodes(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * A text file's bytes as a string: UTF-8 only (a byte order mark is dropped), refused in words when the bytes are not
 * UTF-8 (with the line of the first bad byte) or hold NUL characters (a binary file). `format` names the format in the
 * error: "plain text".
 */
export function decodeUtf8Text(bytes: Uint8Array, fileName: string, format: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw unreadable(fileName, format, 'it is UTF-16 text; save it as UTF-8 and import it again.');
  }
  let text: string;
  try {
    // The decoder drops a leading byte order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = validPrefixLength(bytes);
    const where = offset === bytes.length ? 'it ends inside a character' : `line ${lineOf(bytes, offset)} (byte ${offset + 1}) is not UTF-8`;
    throw unreadable(fileName, format, `${where}; save it as UTF-8 and import it again.`);
  }
  if (text.includes('\0')) throw unreadable(fileName, format, 'it holds NUL characters, so it is not a text file.');
  return text;
}

/** Line ends as "\n": Windows' "\r\n" and old Macs' lone "\r" alike. */
export function normaliseLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

