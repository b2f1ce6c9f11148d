// Electronegativity (Doyensec's Electron security linter) over electron/: main process, preload and host, as
// TypeScript sources rather than the bundles in out/, so that findings name our files and lines and the comments
// explaining them sit beside them. (The renderer holds no Electron code: its page rules are the CSP, checked below.)
//
// Electronegativity exits 0 whatever it finds, so this script judges its result: every finding is printed, and the
// exit code is 1 unless each one is explained. An explanation is an `eng-disable CHECK_ID` comment on the flagged
// line (Electronegativity's own syntax, src/util/exceptions.js), with the reason in the comment lines right above it
// or after a colon. A finding without file or line cannot carry a comment: those few are explained in APP_WIDE below.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../shared/contract/security.ts';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const scanned = join(root, 'electron');
const engRequire = createRequire(require.resolve('@doyensec/electronegativity'));
const { version: engVersion } = require('@doyensec/electronegativity/package.json');
// The installed Electron, so Electronegativity judges defaults by our version instead of assuming 0.1.
const { version: electronVersion } = require('electron/package.json');

// Offline: Electronegativity downloads translations at every start (src/locales/i18n.js, it falls back to its
// bundled English) and AvailableSecurityFixesGlobalCheck asks the network for Electron releases, so that check is
// left out. Any connection that is still attempted fails here instead of leaving the machine.
net.Socket.prototype.connect = function refuseConnection() {
  throw new Error('scripts/electronegativity.mjs runs offline');
};
const run = require('@doyensec/electronegativity');
const options = { excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], electronVersionOverride: electronVersion, isRelative: true };

const DIRECTIVE = /eng-disable[ \t]+[\w \t]+/;

/** Whole-app findings (no file, no line), each with why it does not apply and a check that the reason still holds. */
const APP_WIDE = {
  CSP_GLOBAL_CHECK: {
    why:
      'Electronegativity finds a CSP only in <meta> tags and webRequest responseHeaders. Ours, shared/contract/security.ts, is a ' +
      'response header on every app: page (electron/main/protocol.ts) and browser-mode page (electron/host/server.ts); ' +
      "csp-evaluator, Electronegativity's own, finds no more than a maybe in it (listed here), and the 'self' it may warn " +
      'about serves only the built renderer: no JSONP, no Angular, no uploaded files.',
    holds: evaluatePolicy,
  },
};

/** What Electronegativity's CSP check would say of our policy had it seen it: its remarks, and whether any is definite. */
function evaluatePolicy() {
  const csp = engRequire('@doyensec/csp-evaluator');
  const remarks = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  return {
    ok: remarks.every((remark) => remark.severity > csp.severities.HIGH_MAYBE),
    notes: remarks.map((remark) => `csp-evaluator on ${remark.directive} ${remark.value ?? ''}: ${remark.description}`),
  };
}

const sourceFiles = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|cjs|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));

async function scan(input) {
  const result = await run({ input, ...options });
  return { ...result, issues: result.issues.map((issue) => ({ ...issue, key: `${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column}` })) };
}

/** The reason given with the eng-disable comment on `lineIndex`: after a colon, or the comment lines right above. */
function reasonFor(lines, lineIndex) {
  const afterColon = lines[lineIndex].split(DIRECTIVE)[1]?.match(/^:\s*(.*?)\s*(\*\/)?$/)?.[1];
  if (afterColon) return afterColon;
  const above = [];
  for (let i = lineIndex - 1; i >= 0 && /^\s*\/\//.test(lines[i]); i -= 1) above.unshift(lines[i].replace(/^\s*\/\/\s?/, ''));
  return above.join(' ').trim();
}

const started = Date.now();
console.log(
  `Electronegativity ${engVersion} over electron/ for Electron ${electronVersion}, offline: it is refused the translations it ` +
    'downloads at each start (and says so) and uses its bundled English; AvailableSecurityFixesGlobalCheck is left out.',
);
const current = await scan(scanned);
// The same scan with every eng-disable comment made inert (same length, so lines and columns stay) lists what the
// comments explain, and shows a comment that no longer explains anything.
const inert = mkdtempSync(join(tmpdir(), 'briefdesk-eng-'));
let uncommented;
try {
  cpSync(scanned, inert, { recursive: true });
  for (const file of sourceFiles(inert)) writeFileSync(file, readFileSync(file, 'utf8').replaceAll('eng-disable', 'eng-inert!!'));
  uncommented = await scan(inert);
} finally {
  rmSync(inert, { recursive: true, force: true });
}

const visible = new Set(current.issues.map((issue) => issue.key));
const suppressed = uncommented.issues.filter((issue) => !visible.has(issue.key));
const problems = [];
const explained = [];
for (const issue of suppressed) {
  const reason = reasonFor(readFileSync(join(scanned, issue.file), 'utf8').split('\n'), issue.location.line - 1);
  (reason ? explained : problems).push({ ...issue, reason: reason || 'eng-disable without a reason' });
}
for (const issue of current.issues) {
  const appWide = issue.file === 'N/A' ? APP_WIDE[issue.id] : undefined;
  const check = appWide?.holds();
  (check?.ok ? explained : problems).push({ ...issue, reason: appWide ? [appWide.why, ...check.notes].join('\n      ') : undefined });
}
const findings = explained.length + problems.length;
const suppressedLines = new Set(suppressed.map((issue) => `${issue.file}:${issue.location.line}`));
for (const file of sourceFiles(scanned)) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const where = `${file.slice(scanned.length + 1)}:${index + 1}`;
      if (DIRECTIVE.test(line) && !suppressedLines.has(where)) problems.push({ id: 'STALE_ENG_DISABLE', file: where, location: {}, description: 'explains no finding' });
    });
}
for (const error of current.errors.filter((e) => !e.tolerable)) {
  problems.push({ id: 'PARSE_ERROR', file: error.file, location: {}, description: `not checked: ${error.message}` });
}

const print = (issue) => {
  const where = issue.location.line ? `${issue.file}:${issue.location.line}:${issue.location.column}` : issue.file;
  console.log(`  ${issue.id}  ${where}  ${issue.description}`);
  if (issue.reason) console.log(`      ${issue.reason}`);
};
console.log(`\n${current.atomicChecks} atomic and ${current.globalChecks} global checks. Explained (${explained.length}):`);
explained.forEach(print);
console.log(`\nNeither fixed nor explained (${problems.length}):`);
problems.forEach(print);
console.log(`\n${findings} findings, ${explained.length} explained; ${problems.length} to fix or explain (${((Date.now() - started) / 1000).toFixed(1)} s).`);
process.exitCode = problems.length > 0 ? 1 : 0;
