import { isIP } from 'node:net';

/**
 * Whether keys may be fetched from `url`: https anywhere, plain http only on
 * this machine (tests and local development), nothing else.
 */
export function isSecureKeyUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;

  return url.protocol === 'http:' && isLoopback(url.hostname);
}

/** Whether `hostname` names this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');

  if (bare === 'localhost' || bare === '::1') return true;

  return isIP(bare) === 4 && bare.startsWith('127.');
}
