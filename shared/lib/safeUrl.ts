import { z } from 'zod';

/**
 * Link addresses a brief may carry: web pages and email addresses, nothing else. Everything that can run code
 * or reach local data (`javascript:`, `vbscript:`, `data:`, `file:`, `blob:`, …) and every relative address is
 * refused, so a link in a brief can only ever lead to the open web or a mail client.
 *
 * Normalization choices (documented because they change what the analyst typed):
 * - Surrounding whitespace is trimmed (a pasted address often carries a newline). Whitespace, control or
 *   invisible format characters *inside* the address are refused outright, never stripped: browsers ignore
 *   some of them while parsing a scheme, which is how `java\tscript:` or `java\u200Bscript:` smuggle code.
 * - A bare domain such as `example.com` or `www.example.com/page` gets `https://` in front of it; a bare email
 *   address such as `desk@example.org` gets `mailto:`. Anything else without a scheme (`/path`, `#part`,
 *   `//host`, `localhost:3000`) is refused as relative: a brief is not a web page and has no base address.
 * - The result is the WHATWG URL parser's `href`: scheme and host lowercased, IDN hosts in punycode (so a
 *   look-alike host shows what it is), `http:example.com` written out as `http://example.com/`.
 * - Web addresses with a user name or password (`https://bank.example@evil.example/`) are refused: that form
 *   exists mostly to disguise the real host.
 */
export const SAFE_URL_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

export const MAX_URL_LENGTH = 2048;

/** Control characters (C0, DEL, C1), invisible format characters (zero-width, bidi overrides, BOM) and every space. */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Z}]/u;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** `example.com:8080/x` looks like a scheme followed by a path, but it is a host with a port. */
const DOMAIN_WITH_PORT = /^[^/?#@:]+\.[^/?#@:]+:\d{1,5}(?:[/?#]|$)/;
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const BARE_DOMAIN = new RegExp(`^(?:${LABEL}\\.)+\\p{L}{2,63}\\.?(?::\\d{1,5})?(?:[/?#]|$)`, 'iu');
const BARE_EMAIL = new RegExp(`^[^@/?#:\\\\]+@(?:${LABEL}\\.)+\\p{L}{2,63}$`, 'iu');

type Checked = { ok: true; url: string } | { ok: false; problem: string };

const refuse = (problem: string): Checked => ({ ok: false, problem });

function check(raw: string): Checked {
  const text = raw.trim();
  if (text === '') return refuse('Enter a web address (https://…) or an email address.');
  if (text.length > MAX_URL_LENGTH) return refuse(`The address is longer than ${MAX_URL_LENGTH} characters.`);
  if (HIDDEN_CHARACTER.test(text)) return refuse('The address contains spaces, control or invisible characters.');

  let candidate: string;
  const scheme = SCHEME.exec(text);
  if (scheme && !DOMAIN_WITH_PORT.test(text)) {
    const protocol = `${scheme[1]!.toLowerCase()}:`;
    if (!SAFE_URL_PROTOCOLS.includes(protocol)) return refuse(`Only http:, https: and mailto: links are allowed, not ${protocol}`);
    candidate = text;
  } else if (BARE_EMAIL.test(text)) {
    candidate = `mailto:${text}`;
  } else if (BARE_DOMAIN.test(text)) {
    candidate = `https://${text}`;
  } else {
    return refuse('Enter a full address, such as https://example.org/page or name@example.org.');
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return refuse('This is not a valid web or email address.');
  }
  // The parser has the last word on the scheme (it must agree with what was checked above).
  if (!SAFE_URL_PROTOCOLS.includes(url.protocol)) return refuse('Only http:, https: and mailto: links are allowed.');
  if (url.protocol === 'mailto:') {
    const address = url.pathname;
    if (!/^[^@/]+@[^@/]+$/.test(address)) return refuse('A mailto: link needs an email address, such as mailto:name@example.org.');
  } else {
    if (url.hostname === '') return refuse('The address has no host name.');
    if (url.username !== '' || url.password !== '') return refuse('Addresses with a user name or password are not allowed.');
  }
  return { ok: true, url: url.href };
}

/** Parses raw link text into a normalized, safe URL; the issue message says why an address was refused. */
export const SafeUrlSchema = z.string().transform((raw, ctx) => {
  const result = check(raw);
  if (result.ok) return result.url;
  ctx.issues.push({ code: 'custom', message: result.problem, input: raw });
  return z.NEVER;
});

/** The normalized URL when `raw` is an allowed http:, https: or mailto: address, otherwise undefined. */
export function safeUrl(raw: string): string | undefined {
  const result = check(raw);
  return result.ok ? result.url : undefined;
}

/** Why `raw` is refused as a link address, or undefined when it is accepted. */
export function unsafeUrlReason(raw: string): string | undefined {
  const result = check(raw);
  return result.ok ? undefined : result.problem;
}
