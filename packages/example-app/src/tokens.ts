/** Container tokens of the example app's own services. */
export const DEVELOPMENT_ISSUER = Symbol.for('example:development-issuer');
export const USER_DIRECTORY = Symbol.for('example:user-directory');
export const APP_VERSION = Symbol.for('example:app-version');
