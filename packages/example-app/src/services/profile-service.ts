import { inject, injectable } from 'inversify';
import { SecurityContext } from '@portico/auth';

/** What `/api/me` answers. */
export interface Profile {
  readonly sub: string | undefined;
  readonly roles: readonly string[];
}

/**
 * Describes the caller. A singleton: the injected `SecurityContext` reads the
 * request in progress, so no argument from the controller is needed.
 */
@injectable()
export class ProfileService {
  constructor(@inject(SecurityContext) private readonly security: SecurityContext) {}

  describeCaller(): Profile {
    return { sub: this.security.subject, roles: this.security.roles };
  }
}
