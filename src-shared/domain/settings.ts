import { z } from 'zod';
import { updateSchema } from './partial-update';
import { requiredText } from './text';
import { timeZoneSchema } from './time-zone';

/** Every company setting accepts only what works: a known IANA zone, bounded text, no control characters. */
export const companySettingsSchema = z.object({
  companyName: requiredText('Company name', 120),
  currency: z
    .string()
    .max(3)
    .regex(/^[A-Z]{3}$/, 'Currency must be a 3-letter ISO code'),
  timeZone: timeZoneSchema,
  idleLockMinutes: z.number().int().min(1, 'Idle lock must be at least 1 minute').max(240, 'Idle lock must be at most 240 minutes'),
  /** Regulation F limits applied to consumer accounts as office policy (DOMAIN.md, Compliance). */
  complianceEnabled: z.boolean(),
});
export type CompanySettings = z.infer<typeof companySettingsSchema>;

/** What settings.update may change: only the fields given change; the currency is fixed at creation, so it (or any unknown field) is refused, not ignored. */
export const companySettingsUpdateSchema = updateSchema(companySettingsSchema.omit({ currency: true })).strict();

export const defaultCompanySettings: Omit<CompanySettings, 'companyName'> = {
  currency: 'USD',
  timeZone: 'America/New_York',
  idleLockMinutes: 15,
  complianceEnabled: true,
};
