import type { appContract } from '@shared/ipc/contract/app';
import type { HandlerSlice } from './types';

export const appHandlers: HandlerSlice<keyof typeof appContract> = {
  async 'app.status'(_input, { sessionId, services }) {
    const company = await services.settings.company();
    const session = services.auth.sessions.get(sessionId);
    const user = session ? await services.users.byId(session.userId).catch(() => undefined) : undefined;
    return {
      hasCompany: company !== null,
      companyName: company?.companyName ?? null,
      session: user && user.active === 1 ? await services.auth.info(user) : null,
      locked: session?.locked ?? false,
    };
  },
  'app.createCompany': (input, { sessionId, services }) => services.auth.createCompany(sessionId, input),
  'auth.signIn': (input, { sessionId, services }) => services.auth.signIn(sessionId, input.username, input.password),
  async 'auth.signOut'(_input, { sessionId, services, actor }) {
    await services.auth.signOut(sessionId, actor);
    return null;
  },
  'auth.lock'(_input, { sessionId, services }) {
    services.auth.lock(sessionId);
    return null;
  },
  'auth.unlock': (input, { sessionId, services }) => services.auth.unlock(sessionId, input.password),
  async 'auth.changePassword'(input, { services, actor }) {
    await services.auth.changePassword(actor, input.currentPassword, input.newPassword);
    return null;
  },
  'settings.get': (_input, { services }) => services.settings.requireCompany(),
  'settings.update': (input, { services, actor }) => services.settings.updateCompany(actor, input),
  'audit.list': (input, { services }) => services.audit.list(input),
  'audit.page': async (input, { services }) => services.audit.page(input, await services.settings.requireCompany()),
  'audit.verify': (_input, { services }) => services.audit.verify(),
};
