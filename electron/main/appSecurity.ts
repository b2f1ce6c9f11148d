import { app, BrowserWindow, dialog, shell, type MessageBoxOptions, type WebContents } from 'electron';
import { guardWebContents } from './securityPolicy';

/**
 * App-wide rules, so no web contents escapes them however it was created. Must run before `app.ready`:
 * `enableSandbox` applies only to renderers started after it.
 */
export function lockDownApp(devServerOrigin: string | undefined): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, devServerOrigin, (url) => void confirmAndOpen(contents, url));
  });
}

/** A link leaves the app only after the analyst has seen the full address and said yes. */
async function confirmAndOpen(contents: WebContents, target: string): Promise<void> {
  const options: MessageBoxOptions = {
    type: 'question',
    buttons: ['Open', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: target,
  };
  const window = BrowserWindow.fromWebContents(contents);
  const { response } = await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  // Reached only with an absolute http(s) or mailto address (guardWebContents checks isExternalLinkAllowed first),
  // shown in full to the analyst, who chose Open.
  if (response === 0) await shell.openExternal(target); // eng-disable OPEN_EXTERNAL_JS_CHECK
}
