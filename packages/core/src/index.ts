// The one side effect of the package (hence "sideEffects": true): decorators
// and inversify read `design:*` metadata through the reflect-metadata API.
import 'reflect-metadata';

export {
  createApplication,
  PorticoApplication,
  type ApplicationOptions,
  type CloseOptions,
  type ListenOptions,
  type RouteTableRow,
  type ShutdownSignalOptions,
} from './application.js';
export { createContextKey, type ContextKey } from './context/context-key.js';
export { RequestContext } from './context/request-context.js';
export {
  REQUEST_CONTEXT,
  requestContextAccessor,
  type RequestContextAccessor,
} from './context/request-context-accessor.js';
export { controller, type ControllerDeclaration } from './decorators/controller.js';
export {
  all,
  del,
  get,
  head,
  options,
  patch,
  post,
  put,
  type HttpMethod,
  type RouteDecorator,
} from './decorators/http-method.js';
export {
  body,
  cookie,
  createParamDecorator,
  ctx,
  header,
  param,
  query,
  type ParamResolver,
  type ParamSource,
} from './decorators/params.js';
export { httpCode, responseHeader } from './decorators/response.js';
export { use, type MiddlewareClass, type RouteMiddleware } from './decorators/use.js';
export { bindRequestScoped } from './di/bind-request-scoped.js';
export { RequestScope } from './di/request-scope.js';
export {
  BadRequestError,
  ConflictError,
  CORE_ERROR_CODES,
  CoreError,
  ForbiddenError,
  HttpError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RETIRED_CORE_ERROR_CODES,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
  type CoreErrorCode,
  type FieldError,
  type HttpErrorOptions,
  type PorticoErrorOptions,
} from './errors.js';
export {
  defaultErrorFormatter,
  ERROR_FORMATTER,
  type ErrorFormatter,
} from './http/error-formatter.js';
export { HttpResponse, type HttpResponseInit } from './http/http-response.js';
export { createProblem, PROBLEM_CONTENT_TYPE, type ProblemDocument } from './http/problem.js';
export { getRequestId } from './http/request-id.js';
export { getRouteResolution } from './http/route-resolution-stage.js';
export type { ServerTimeouts } from './lifecycle/server-timeouts.js';
export { LOGGER, silentLogger, type LogFields, type Logger } from './logging/logger.js';
export {
  createMetadataDecorator,
  createMetadataKey,
  type MetadataKey,
  type MetadataKeyOptions,
} from './metadata/metadata-key.js';
export { buildOpenApiDocument } from './openapi/build-openapi-document.js';
export {
  createOpenApiController,
  type OpenApiOptions,
} from './openapi/create-openapi-controller.js';
export type { OpenApiContributor } from './openapi/openapi-contributor.js';
export type {
  OpenApiDocument,
  OpenApiInfo,
  OpenApiOperation,
  OpenApiParameter,
} from './openapi/openapi-document.js';
export {
  createOpenApiGenerator,
  OPENAPI_GENERATOR,
  type OpenApiGenerator,
} from './openapi/openapi-generator.js';
export {
  API_RESPONSES,
  apiResponse,
  excludeFromOpenApi,
  OPENAPI_EXCLUDED,
  type ApiResponseDeclaration,
  type ApiResponseOptions,
} from './openapi/openapi-metadata.js';
export {
  isPlugin,
  type PluginHost,
  type PorticoPlugin,
  type RouteAnnotator,
  type ShutdownHook,
} from './plugin.js';
export type { ControllerClass, ParamBinding, RouteDefinition } from './routing/route-definition.js';
export type { RouteResolution } from './routing/route-matcher.js';
export { RouteMetadata } from './routing/route-metadata.js';
export type { RouteMatchingOptions } from './routing/route-registry.js';
export type { Coercion, ScalarCoercion } from './validation/coercion.js';
export type { JsonSchema } from './validation/read-json-schema.js';
