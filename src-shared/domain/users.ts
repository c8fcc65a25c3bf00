import { z } from 'zod';
import { requiredText } from './text';

export const roles = ['clerk', 'supervisor', 'administrator'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const roleLabels: Record<Role, string> = {
  clerk: 'Billing clerk',
  supervisor: 'Collections supervisor',
  administrator: 'Administrator',
};

export const USERNAME_MAX = 40;
export const PASSWORD_MAX = 200;

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'User name must be at least 2 characters')
  .max(USERNAME_MAX, `User name must be at most ${USERNAME_MAX} characters`)
  .regex(/^[A-Za-z0-9._-]+$/, 'User name may contain letters, digits, dot, dash and underscore only');

export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

export const displayNameSchema = requiredText('Name', 80);

export interface SessionInfo {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  companyName: string;
  idleLockMinutes: number;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

/** Who work can be assigned to: active users, for supervisors' pickers (no sign-in details). */
/** Who a user name stands for, to show people by name (timelines, 'posted by', history), never by their sign-in name. */
export interface PersonName {
  username: string;
  displayName: string;
}

export interface Assignee {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** The sign-in name recorded on what Ledgerdesk does by itself (the daily evaluation, imports' checks). */
export const automaticUsername = 'system';
/** How the screens name that actor. */
export const automaticActorName = 'Ledgerdesk (automatic)';
