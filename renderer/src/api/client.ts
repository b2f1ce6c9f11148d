import { createClient, type BriefdeskApi } from '../../../shared/contract/client';
import { createHttpTransport } from './httpTransport';

declare global {
  interface Window {
    /** Present in the desktop app: the preload's client over Electron IPC. */
    readonly briefdesk?: BriefdeskApi;
  }
}

const TOKEN_KEY = 'briefdesk.token';

/** Browser mode receives its token in the URL fragment; keep it for reloads and take it out of the address bar. */
function browserModeToken(): string | undefined {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

function connect(): BriefdeskApi | undefined {
  if (window.briefdesk) return window.briefdesk;
  const token = browserModeToken();
  return token ? createClient(createHttpTransport(window.location.origin, token)) : undefined;
}

/** The typed API, or undefined when the page was opened without the host's token. */
export const api: BriefdeskApi | undefined = connect();
