/** Metadata keys owned by core's own decorators. Declared once, here. */
export const CONTROLLER_KEY = Symbol('portico:controller');
export const ROUTES_KEY = Symbol('portico:routes');
export const PARAMS_KEY = Symbol('portico:params');
export const MIDDLEWARE_KEY = Symbol('portico:middleware');
export const RESPONSE_KEY = Symbol('portico:response');
