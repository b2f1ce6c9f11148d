/** The page policy of every renderer page, desktop and browser mode alike: nothing but our own origin. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Browser mode: the header that carries the per-launch secret on every RPC call. */
export const TOKEN_HEADER = 'x-briefdesk-token';
