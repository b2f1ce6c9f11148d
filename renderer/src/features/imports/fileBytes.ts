/** The file types the host can import, for the browser's file chooser. */
export const IMPORTABLE_TYPES = '.txt,.md,.html,.htm,.pdf';

// String.fromCharCode takes its arguments on the stack: a few thousand at a time stay far below any engine's limit.
const CHUNK = 0x2000;

/** A file's bytes as base64, as `sources.import` takes them. */
export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}
