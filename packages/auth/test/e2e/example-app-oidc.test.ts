import type { Server } from 'node:http';

import { expect } from 'chai';

import {
  RESOURCE,
  requestAccessToken,
  startProvider,
  stopProvider,
  tamper,
} from '../support/oidc-provider.js';

/** The parts of `@portico/example-app` this test drives. */
interface ExampleAppModule {
  readConfig(env: Readonly<Record<string, string>>): unknown;
  startExampleApp(config: unknown): Promise<{ url: string; close(): Promise<void> }>;
}

// The example app depends on auth, so auth cannot depend on it at build time;
// its compiled module is loaded at run time (the root build compiles it first).
async function loadExampleApp(): Promise<ExampleAppModule> {
  const config = new URL('../../../../example-app/dist/src/config.js', import.meta.url);
  const app = new URL('../../../../example-app/dist/src/app.js', import.meta.url);
  const [configModule, appModule] = await Promise.all([import(config.href), import(app.href)]);
  return { ...(configModule as object), ...(appModule as object) } as ExampleAppModule;
}

describe('e2e: the example app trusting oidc-provider through discovery', () => {
  let provider: { server: Server; issuer: string };
  let running: { url: string; close(): Promise<void> };
  let token: string;

  before(async () => {
    provider = await startProvider();
    const example = await loadExampleApp();
    const env = { PORT: '0', AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: RESOURCE };
    running = await example.startExampleApp(example.readConfig(env));
    token = await requestAccessToken(provider.issuer);
  });

  after(async () => {
    await running.close();
    await stopProvider(provider.server);
  });

  function callMe(bearer: string) {
    return fetch(`${running.url}/api/me`, { headers: { authorization: `Bearer ${bearer}` } });
  }

  it('answers 200 to a client-credentials token, configured with AUTH_ISSUER and AUTH_AUDIENCE only', async () => {
    const res = await callMe(token);

    expect(res.status).to.equal(200);
  });

  it('answers 401 once the token is tampered with', async () => {
    const res = await callMe(tamper(token));

    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.include('error="invalid_token"');
  });
});
