import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';
import { displayNameSchema, passwordSchema, roleSchema, usernameSchema, type Assignee, type PersonName, type UserSummary } from '../../domain/users';

const userId = z.number().int().positive();

export const usersContract = {
  'users.list': endpoint(noInput).returns<UserSummary[]>(),
  'users.assignees': endpoint(noInput).returns<Assignee[]>(),
  'users.names': endpoint(noInput).returns<PersonName[]>(),
  'users.create': endpoint(
    z.object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema }),
  ).returns<UserSummary>(),
  'users.update': endpoint(z.object({ userId, displayName: displayNameSchema.optional(), role: roleSchema.optional() })).returns<UserSummary>(),
  'users.resetPassword': endpoint(z.object({ userId, password: passwordSchema })).returns<null>(),
  'users.setActive': endpoint(z.object({ userId, active: z.boolean() })).returns<UserSummary>(),
};
