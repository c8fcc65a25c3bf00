import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';
import { displayNameSchema, passwordSchema, usernameSchema, type SessionInfo } from '../../domain/users';
import type { CompanySettings } from '../../domain/settings';
import type { AuditRecord, AuditVerifyReport } from '../../domain/audit';

export interface AppStatus {
  hasCompany: boolean;
  companyName: string | null;
  session: SessionInfo | null;
  locked: boolean;
}

export const appContract = {
  'app.status': endpoint(noInput).returns<AppStatus>(),
  'app.createCompany': endpoint(z.object({
      companyName: z.string().trim().min(1, 'Company name is required').max(120),
      timeZone: z.string().min(1).default('America/New_York'),
      username: usernameSchema,
      displayName: displayNameSchema,
      password: passwordSchema,
    })).returns<SessionInfo>(),
  'auth.signIn': endpoint(z.object({ username: z.string().trim().min(1, 'Enter your user name'), password: z.string().min(1, 'Enter your password').max(200) })).returns<SessionInfo>(),
  'auth.signOut': endpoint(noInput).returns<null>(),
  'auth.lock': endpoint(noInput).returns<null>(),
  'auth.unlock': endpoint(z.object({ password: z.string().min(1).max(200) })).returns<SessionInfo>(),
  'auth.changePassword': endpoint(z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })).returns<null>(),
  'settings.get': endpoint(noInput).returns<CompanySettings>(),
  'settings.update': endpoint(z
      .object({
        companyName: z.string().trim().min(1).max(120),
        timeZone: z.string().min(1),
        idleLockMinutes: z.number().int().min(1).max(240),
        complianceEnabled: z.boolean(),
      })
      .partial()).returns<CompanySettings>(),
  'audit.list': endpoint(z.object({
      limit: z.number().int().min(1).max(1000).optional(),
      beforeSeq: z.number().int().positive().optional(),
      entity: z.string().max(40).optional(),
      entityId: z.string().max(80).optional(),
    })).returns<AuditRecord[]>(),
  'audit.verify': endpoint(noInput).returns<AuditVerifyReport>(),
};
