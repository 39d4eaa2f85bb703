import { readFileSync } from 'node:fs';

/** The version field of this package's package.json. */
export function readVersion(): string {
  const manifest = new URL('../../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return version;
}
