/**
 * Whether a link may be handed to the OS browser: only well-formed http(s) URLs, never
 * file:, javascript:, custom schemes or URLs with credentials.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hostname.length > 0;
}

/** A `.tandem` path among a launch's arguments (second instance, file association). */
export function tandemFileFromArgv(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    if (!argv[i].startsWith('-') && argv[i].toLowerCase().endsWith('.tandem')) return argv[i];
  }
  return null;
}
