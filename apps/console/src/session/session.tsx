import type { ApiSchema, paths } from '#api-contract';
import { complianceApiClient } from '#api-contract';
import type { Client } from 'openapi-fetch';
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';

export type Caller = ApiSchema<'Caller'>;

/** The tab's key: in session storage (this tab only, gone when it closes), never in a URL or local storage. */
const KEY = 'console.apiKey';

export interface Session {
  /** Who the key belongs to; `undefined` before sign-in, `null` while it is being checked. */
  readonly caller: Caller | undefined | null;
  readonly api: Client<paths>;
  /** The tab's key, for the writes the typed client cannot name (session/send.ts). */
  readonly key: string | undefined;
  /** Whether the register check is open to anyone (public mode). */
  readonly publicRegister: boolean;
  signIn(key: string): Promise<boolean>;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [key, setKey] = useState<string | undefined>(() => sessionStorage.getItem(KEY) ?? undefined);
  const [caller, setCaller] = useState<Caller | undefined | null>(key === undefined ? undefined : null);
  const [publicRegister, setPublicRegister] = useState(false);
  const api = useMemo(() => complianceApiClient(location.origin, key), [key]);

  useEffect(() => {
    void fetch(`${import.meta.env.BASE_URL}settings.json`)
      .then((answer) => (answer.ok ? answer.json() : { publicRegister: false }))
      .then((settings: { publicRegister?: boolean }) => setPublicRegister(settings.publicRegister === true))
      .catch(() => setPublicRegister(false));
  }, []);

  useEffect(() => {
    if (key === undefined) return;
    void api.GET('/v1/me').then(({ data }) => {
      if (data) setCaller(data);
      else {
        sessionStorage.removeItem(KEY);
        setKey(undefined);
        setCaller(undefined);
      }
    });
  }, [api, key]);

  const signIn = useCallback(async (candidate: string) => {
    const { data } = await complianceApiClient(location.origin, candidate).GET('/v1/me');
    if (data === undefined) return false;
    sessionStorage.setItem(KEY, candidate);
    setKey(candidate);
    setCaller(data);
    return true;
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setKey(undefined);
    setCaller(undefined);
  }, []);

  const session = useMemo(
    () => ({ caller, api, key, publicRegister, signIn, signOut }),
    [caller, api, key, publicRegister, signIn, signOut],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}
