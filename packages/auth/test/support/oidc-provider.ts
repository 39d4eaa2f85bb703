import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect } from 'chai';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** The resource indicator (and token audience) of the test API. */
export const RESOURCE = 'urn:portico:fixture-api';
const CLIENT_ID = 'e2e-service';
const CLIENT_SECRET = 'e2e-client-secret-that-is-long-enough-for-hs256';

/** An oidc-provider on a loopback port, issuing JWT access tokens for {@link RESOURCE}. */
export async function startProvider(): Promise<{ server: Server; issuer: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    ttl: { ClientCredentials: 600 },
    jwks: { keys: [await createSigningJwk('ES256'), await createSigningJwk('RS256')] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'notes:read',
          audience: RESOURCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });

  server.on('request', provider.callback());
  return { server, issuer };
}

async function createSigningJwk(alg: 'ES256' | 'RS256') {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `e2e-${alg}` };
}

/** Runs a client-credentials grant for {@link RESOURCE} and returns the access token. */
export async function requestAccessToken(issuer: string): Promise<string> {
  const credentials = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    resource: RESOURCE,
    scope: 'notes:read',
  });
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${credentials}` },
    body,
  });
  const json = (await response.json()) as { access_token?: string };

  expect(response.status, JSON.stringify(json)).to.equal(200);
  return json.access_token ?? '';
}

/** Changes a token's scope claim and keeps its signature. */
export function tamper(token: string): string {
  const [head, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const forged = Buffer.from(JSON.stringify({ ...claims, scope: 'notes:read notes:admin' }));
  return `${head}.${forged.toString('base64url')}.${signature}`;
}

/** Stops a provider started by {@link startProvider}. */
export async function stopProvider(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}
