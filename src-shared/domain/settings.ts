import { z } from 'zod';

export const companySettingsSchema = z.object({
  companyName: z.string().trim().min(1, 'Company name is required').max(120),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Currency must be a 3-letter ISO code'),
  timeZone: z.string().min(1),
  idleLockMinutes: z.number().int().min(1, 'Idle lock must be at least 1 minute').max(240, 'Idle lock must be at most 240 minutes'),
  /** Regulation F limits applied to consumer accounts as office policy (DOMAIN.md, Compliance). */
  complianceEnabled: z.boolean(),
});
export type CompanySettings = z.infer<typeof companySettingsSchema>;

export const defaultCompanySettings: Omit<CompanySettings, 'companyName'> = {
  currency: 'USD',
  timeZone: 'America/New_York',
  idleLockMinutes: 15,
  complianceEnabled: true,
};
