import 'reflect-metadata';

import { startExampleApp } from './app.js';
import { readConfig } from './config.js';
import { DEVELOPMENT_USERS } from './services/user-directory.js';
import { createPinoLogger } from './pino-logger.js';

const config = readConfig(process.env);
const logger = createPinoLogger(config.logLevel);
const running = await startExampleApp(config, logger);

logger.info({ url: running.url, auth: config.auth.mode }, 'example app listening');

if (config.auth.mode === 'development') {
  const users = DEVELOPMENT_USERS.map((user) => user.username);
  logger.info({ users, login: `${running.url}/auth/login` }, 'development issuer ready');
}

// SIGTERM and SIGINT stop accepting connections and let in-flight requests finish.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
  });
}

running.app.enableShutdownSignals({ timeoutMs: 10_000 });
