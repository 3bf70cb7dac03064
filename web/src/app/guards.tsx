// Route guards on the session: signed-in pages send guests to /login (and back afterwards),
// the login pages send signed-in users into the app.
import { type ReactNode, useSyncExternalStore } from 'react';
import { Navigate, useLocation } from 'react-router';
import { sessionStatus, subscribeSession } from '../auth/session';

export const useSessionStatus = () => useSyncExternalStore(subscribeSession, sessionStatus);

interface ReturnState {
  from?: string;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const status = useSessionStatus();
  const location = useLocation();
  if (status === 'signed-out') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from } satisfies ReturnState} />;
  }
  return children;
}

export function GuestOnly({ children }: { children: ReactNode }) {
  const status = useSessionStatus();
  const location = useLocation();
  if (status === 'signed-in') {
    const from = (location.state as ReturnState | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/sites'} replace />;
  }
  return children;
}
