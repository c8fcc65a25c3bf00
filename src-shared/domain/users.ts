import { z } from 'zod';

export const roles = ['clerk', 'supervisor', 'administrator'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const roleLabels: Record<Role, string> = {
  clerk: 'Billing clerk',
  supervisor: 'Collections supervisor',
  administrator: 'Administrator',
};

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'User name must be at least 2 characters')
  .max(40, 'User name must be at most 40 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'User name may contain letters, digits, dot, dash and underscore only');

export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(200, 'Password must be at most 200 characters');

export const displayNameSchema = z.string().trim().min(1, 'Name is required').max(80, 'Name must be at most 80 characters');

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
export interface Assignee {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}
