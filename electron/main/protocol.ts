import { net, protocol, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import { resolveInside } from '../host/platform/paths';
import { APP_SCHEME, isRequestAllowed } from './securityPolicy';

/** Must run before `app.ready`: `app:` behaves like https (standard, secure), so origins and fetch work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `app://briefdesk/…`, confined to its folder, with our CSP on every response. */
export function serveRenderer(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    let file: string;
    try {
      file = resolveInside(rendererRoot, pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1)));
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Offline by design: every request that is not `app:` (or the dev server in development) is cancelled. */
export function lockDownSession(session: Session, devServerOrigin?: string): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url, devServerOrigin) }));
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
