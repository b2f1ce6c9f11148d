import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

export interface RunningHost {
  url: string;
  process: ChildProcess;
  /** Everything the host printed so far, for the report of a failed test. */
  output(): string;
  /** SIGTERM by default (a clean stop); SIGKILL simulates a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built browser-mode host (`out/host/browser.js`) on a workspace folder and waits for its URL.
 * Preferences go to `configDir` (default: inside the workspace's `.briefdesk/`), never to the user's own.
 */
export function startBrowserHost(workspace: string, configDir = join(workspace, '.briefdesk', 'test-config')): Promise<RunningHost> {
  const child = spawn(process.execPath, [join(repoRoot, 'out', 'host', 'browser.js'), '--workspace', workspace, '--config', configDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open: (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        process: child,
        output: () => output,
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
}

/** Marks a workspace as already seeded, so it starts empty instead of with the bundled sample brief and facts. */
export async function skipSeeding(workspace: string): Promise<void> {
  await mkdir(join(workspace, '.briefdesk'), { recursive: true });
  await writeFile(join(workspace, '.briefdesk', 'seeded.json'), '{"copied":[]}\n');
}

/** Every uncaught page error and console error, for a test to assert there were none. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return problems;
}
