import { fetchJson, type FetchJsonOptions } from './fetch-json.js';
import { isSecureKeyUrl } from './key-url.js';

/**
 * Returns a locator that reads the issuer's OpenID discovery document
 * (`${issuer}/.well-known/openid-configuration`) once, checks that its
 * `issuer` is exactly the configured one (OpenID Connect Discovery 1.0,
 * section 4.3) and that its `jwks_uri` is https (http only on loopback), and
 * then returns that `jwks_uri`. A failed read is retried on the next call.
 */
export function createDiscoveryLocator(
  issuer: string,
  options: FetchJsonOptions,
): () => Promise<URL> {
  const documentUrl = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  let found: URL | undefined;

  return async () => {
    found ??= readJwksUri(await fetchJson(documentUrl, options), issuer);
    return found;
  };
}

function readJwksUri(document: unknown, issuer: string): URL {
  const fields = (document ?? {}) as { issuer?: unknown; jwks_uri?: unknown };

  if (fields.issuer !== issuer) {
    throw new Error('The discovery document names a different issuer.');
  }

  if (typeof fields.jwks_uri !== 'string' || !URL.canParse(fields.jwks_uri)) {
    throw new Error('The discovery document has no valid "jwks_uri".');
  }

  const url = new URL(fields.jwks_uri);

  if (!isSecureKeyUrl(url)) {
    throw new Error('The discovery document\'s "jwks_uri" is neither https nor loopback http.');
  }

  return url;
}
