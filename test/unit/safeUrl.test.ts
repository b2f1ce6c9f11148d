import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, SafeUrlSchema, safeUrl, unsafeUrlReason } from '../../shared/lib/safeUrl';

describe('safeUrl: accepted addresses come back normalized', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['https://example.org/path?q=1#part', 'https://example.org/path?q=1#part'],
    ['http://example.org/a', 'http://example.org/a'],
    ['HTTPS://EXAMPLE.ORG/Path', 'https://example.org/Path'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['MAILTO:desk@example.org?subject=Brief', 'mailto:desk@example.org?subject=Brief'],
    ['  https://example.org/padded \n', 'https://example.org/padded'],
    ['https://example.org/a%20b', 'https://example.org/a%20b'],
    ['https://example.org:8443/x', 'https://example.org:8443/x'],
    ['http:example.org', 'http://example.org/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ])('%j → %j', (raw, normalized) => {
    expect(safeUrl(raw)).toBe(normalized);
    expect(SafeUrlSchema.parse(raw)).toBe(normalized);
  });

  it.each([
    ['example.com', 'https://example.com/'],
    ['www.example.com/page?x=1', 'https://www.example.com/page?x=1'],
    ['example.com:8080/x', 'https://example.com:8080/x'],
    ['news.bbc.co.uk', 'https://news.bbc.co.uk/'],
  ])('prefixes a bare domain with https:// (%j)', (raw, normalized) => {
    expect(safeUrl(raw)).toBe(normalized);
  });

  it('turns a bare email address into a mailto: link', () => {
    expect(safeUrl('desk@example.org')).toBe('mailto:desk@example.org');
  });

  it('is idempotent: a normalized URL normalizes to itself', () => {
    for (const raw of ['example.com', 'https://EXAMPLE.org', 'desk@example.org', 'http:example.org']) {
      const once = safeUrl(raw)!;
      expect(safeUrl(once)).toBe(once);
    }
  });
});

describe('safeUrl: hostile and unusable addresses are refused', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    '\u0000javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'java\u0000script:alert(1)',
    'java\u200Bscript:alert(1)',
    'java\uFEFFscript:alert(1)',
    'java script:alert(1)',
    'javascript://example.org/%0Aalert(1)',
    'javascript&colon;alert(1)',
    'javascript%3Aalert(1)',
    '%6Aavascript:alert(1)',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    'FILE:///C:/Windows/win.ini',
    'blob:https://example.org/1234-5678',
    'about:blank',
    'chrome://settings',
    'app://briefdesk/index.html',
    'ftp://example.org/file',
    'tel:+15551234',
    'sms:+15551234',
  ])('refuses %j', (raw) => {
    expect(safeUrl(raw)).toBeUndefined();
    expect(SafeUrlSchema.safeParse(raw).success).toBe(false);
  });

  it.each(['/briefs/1', './x', '../x', '#part', '?q=1', '//evil.example/path', '\\\\evil.example\\share', 'localhost:3000', 'not a url', 'plainword'])(
    'refuses the relative or incomplete address %j',
    (raw) => {
      expect(safeUrl(raw)).toBeUndefined();
    },
  );

  it.each(['https://example.org/a b', 'https://exa\u202Emple.org', 'https://example.org/\u0007', 'https://example.org\u00A0/x', 'https://example.org/\u2028x'])(
    'refuses whitespace or invisible characters inside the address: %j',
    (raw) => {
      expect(safeUrl(raw)).toBeUndefined();
    },
  );

  it.each(['', '   ', 'https:', 'https://', 'http:///', 'mailto:', 'mailto:?subject=x', 'mailto:javascript:alert(1)', 'https://user:secret@example.org/', 'https://bank.example@evil.example/'])(
    'refuses the empty, host-less or disguised address %j',
    (raw) => {
      expect(safeUrl(raw)).toBeUndefined();
    },
  );

  it('refuses overly long addresses', () => {
    expect(safeUrl(`https://example.org/${'a'.repeat(MAX_URL_LENGTH)}`)).toBeUndefined();
  });

  it('says why an address was refused', () => {
    expect(unsafeUrlReason('javascript:alert(1)')).toMatch(/Only http:, https: and mailto: links are allowed/);
    expect(unsafeUrlReason('java\tscript:alert(1)')).toMatch(/invisible/);
    expect(unsafeUrlReason('/relative')).toMatch(/full address/);
    expect(unsafeUrlReason('https://example.org')).toBeUndefined();
    const parsed = SafeUrlSchema.safeParse('data:text/html,x');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/not data:/);
  });
});
