import { useCallback, useEffect, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StoreStatus } from '@shared/ipc/contract/store';
import type { AppStatus } from '@shared/ipc/contract/app';
import { onSessionProblem, unwrap } from '../api/client';
import { listenForDataChanges, queryClient } from '../api/query';
import { FirstRunScreen } from '../features/auth/FirstRunScreen';
import { SignInScreen } from '../features/auth/SignInScreen';
import { LockScreen } from '../features/auth/LockScreen';
import { StoreKeyScreen } from '../features/auth/StoreKeyScreen';
import { Shell } from './Shell';
import { SessionContext } from './session';
import { useIdleLock } from './useIdleLock';

/** Boot: the store key, then the company, then a session; the shell once signed in. */
export function App() {
  const [store, setStore] = useState<StoreStatus | null>(null);
  const [status, setStatus] = useState<AppStatus | null>(null);

  const refresh = useCallback(async () => {
    const s = await unwrap(window.api.store.status());
    setStore(s);
    if (s.state === 'ready') setStatus(await unwrap(window.api.app.status()));
  }, []);

  useEffect(() => {
    void refresh();
    const off1 = listenForDataChanges();
    const off2 = onSessionProblem(() => void refresh());
    // A restore replaced the store and ended every session: each window goes back to sign-in.
    const off3 = window.api.on('sessions.ended', () => {
      queryClient.clear();
      notifications.show({
        color: 'blue',
        title: 'The store was restored from a backup',
        message: 'Everyone was signed out. Sign in again.',
        autoClose: false,
      });
      void refresh();
    });
    return () => {
      off1();
      off2();
      off3();
    };
  }, [refresh]);

  const signOut = useCallback(async () => {
    await unwrap(window.api.auth.signOut());
    queryClient.clear();
    await refresh();
  }, [refresh]);
  const lock = useCallback(async () => {
    await unwrap(window.api.auth.lock());
    await refresh();
  }, [refresh]);

  const signedIn = status?.session && !status.locked;
  useIdleLock(signedIn ? status.session!.idleLockMinutes : null, lock);

  if (!store)
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  if (store.state !== 'ready') return <StoreKeyScreen status={store} onDone={setStore} onReady={refresh} />;
  if (!status)
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  if (!status.hasCompany) return <FirstRunScreen onDone={refresh} />;
  if (!status.session) return <SignInScreen companyName={status.companyName ?? ''} onDone={refresh} />;
  if (status.locked) return <LockScreen session={status.session} onUnlocked={refresh} onSignOut={signOut} />;
  return (
    <SessionContext.Provider value={{ session: status.session, signOut, lock, refresh }}>
      <Shell />
    </SessionContext.Provider>
  );
}
