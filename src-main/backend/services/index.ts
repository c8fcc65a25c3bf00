import type { ServiceContext } from '../context';
import { createAuditService } from './audit';
import { createAuthService } from './auth';
import { createSettingsService } from './settings';
import { createUsersService } from './users';

/** Every domain service, built once per open store. */
export function createServices(ctx: ServiceContext) {
  const audit = createAuditService(ctx);
  const settings = createSettingsService(ctx);
  const users = createUsersService(ctx);
  const auth = createAuthService(ctx, users, settings);
  return { audit, settings, users, auth };
}
export type Services = ReturnType<typeof createServices>;
