const RESERVED_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * Why a name the analyst typed (a brief title, a copy's name) cannot be used, or undefined if it can.
 * Names may end up as file names on any of our platforms, so the strictest platform's rules apply.
 */
export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'A name cannot be empty.';
  if (trimmed.length > 200) return 'A name can be at most 200 characters long.';
  if (name.includes('\0')) return 'A name cannot contain a NUL character.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f]/.test(name)) return 'A name cannot contain control characters.';
  if (/[/\\]/.test(name)) return 'A name cannot contain / or \\.';
  if (trimmed === '.' || trimmed === '..' || trimmed.includes('..')) return 'A name cannot contain "..".';
  if (RESERVED_DEVICE_NAMES.test(trimmed)) return `"${trimmed}" is a reserved device name on Windows.`;
  return undefined;
}
