/** How long the file's object URL outlives the click: the browser starts the download after the click returns. */
export const OBJECT_URL_LIFETIME_MS = 60_000;

export interface DownloadedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** Hands a file the host made to the browser's downloads: a Blob behind an object URL, clicked through a temporary link. */
export function saveAsDownload({ fileName, mimeType, base64 }: DownloadedFile): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
  }
}

/** Text as base64 of its UTF-8 bytes, for saveAsDownload. */
export function textAsBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
