import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { notificationsStore, updateNotificationsState } from '@mantine/notifications';

/**
 * Toasts belong to the page that raised them: moving to another page drops them, except errors,
 * which stay until dismissed so that a failure is not missed. (They show bottom-right, clear of the
 * header's user menu: main.tsx.)
 */
export function ToastsFollowPages() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname) updateNotificationsState(notificationsStore, (list) => list.filter((n) => n.color === 'red'));
  }, [pathname]);
  return null;
}
