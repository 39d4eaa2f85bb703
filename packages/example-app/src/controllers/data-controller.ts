import { inject } from 'inversify';
import { controller, get } from '@portico/core';
import { requiresRole } from '@portico/auth';

import { ProfileService, type Profile } from '../services/profile-service.js';

/** Routes that need a valid token; one of them needs the `admin` role. */
@controller('/api')
export class DataController {
  constructor(@inject(ProfileService) private readonly profiles: ProfileService) {}

  @get('/data')
  data() {
    return { secret: 'data' };
  }

  @get('/me')
  me(): Profile {
    return this.profiles.describeCaller();
  }

  @get('/admin/stats')
  @requiresRole('admin')
  stats() {
    return { users: 2, uptimeSeconds: Math.round(process.uptime()) };
  }
}
