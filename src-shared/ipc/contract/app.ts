import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';
import { displayNameSchema, PASSWORD_MAX, passwordSchema, USERNAME_MAX, usernameSchema, type SessionInfo } from '../../domain/users';
import { companySettingsSchema, companySettingsUpdateSchema, defaultCompanySettings, type CompanySettings } from '../../domain/settings';
import type { AuditRecord, AuditVerifyReport } from '../../domain/audit';
import { auditPageSchema, type AuditPage } from '../../domain/audit-log';

export interface AppStatus {
  hasCompany: boolean;
  companyName: string | null;
  session: SessionInfo | null;
  locked: boolean;
}

export const appContract = {
  'app.status': endpoint(noInput).returns<AppStatus>(),
  'app.createCompany': endpoint(
    z.object({
      companyName: companySettingsSchema.shape.companyName,
      timeZone: companySettingsSchema.shape.timeZone.default(defaultCompanySettings.timeZone),
      username: usernameSchema,
      displayName: displayNameSchema,
      password: passwordSchema,
    }),
  ).returns<SessionInfo>(),
  // Bounded like the names and passwords users can have, so nothing longer reaches the audit log.
  'auth.signIn': endpoint(
    z.object({
      username: z.string().trim().min(1, 'Enter your user name').max(USERNAME_MAX, 'The user name is too long'),
      password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX),
    }),
  ).returns<SessionInfo>(),
  'auth.signOut': endpoint(noInput).returns<null>(),
  'auth.lock': endpoint(noInput).returns<null>(),
  'auth.unlock': endpoint(z.object({ password: z.string().min(1).max(PASSWORD_MAX) })).returns<SessionInfo>(),
  'auth.changePassword': endpoint(z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: passwordSchema })).returns<null>(),
  'settings.get': endpoint(noInput).returns<CompanySettings>(),
  'settings.update': endpoint(companySettingsUpdateSchema).returns<CompanySettings>(),
  'audit.list': endpoint(
    z.object({
      limit: z.number().int().min(1).max(1000).optional(),
      beforeSeq: z.number().int().positive().optional(),
      entity: z.string().max(40).optional(),
      entityId: z.string().max(80).optional(),
    }),
  ).returns<AuditRecord[]>(),
  /** The audit log screen: a page of records in words, filtered and searched, with the total (docs/clerks-day.md, The audit log). */
  'audit.page': endpoint(auditPageSchema).returns<AuditPage>(),
  'audit.verify': endpoint(noInput).returns<AuditVerifyReport>(),
};
