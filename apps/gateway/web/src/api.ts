/** HTTP to the gateway (same origin): login, token refresh, and JSON calls through the proxy. */
export interface User {
  id: string;
  username: string;
  role: 'dispatcher' | 'gp' | 'planner' | 'admin';
  displayName: string;
  wachtpostId?: string;
  kringId?: string;
  gpId?: string;
}

interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const KEY = 'permanentie.session';
let session: Session | null = load();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function save(next: Session | null): void {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
}

export function currentUser(): User | null {
  return session?.user ?? null;
}

export function accessToken(): string {
  return session?.accessToken ?? '';
}

/** One entry of a service's `errors[]`: which field, and why it was refused. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * A refused call: the service's message (e.g. "Ongeldige invoer") and its `errors[]`. The Error's
 * own message carries both, so a plain `e.message` already says why.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: FieldError[],
    readonly body: unknown,
  ) {
    super(
      errors.length
        ? `${title}: ${errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; ')}`
        : title,
    );
    this.name = 'ApiError';
  }
}

/** Reads the services' error shape `{ statusCode, error, message, errors?: [{field, reason}] }`. */
export function errorOf(status: number, statusText: string, data: unknown): ApiError {
  const body = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const errors: FieldError[] = Array.isArray(body.errors)
    ? body.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({ field: String(e.field ?? ''), reason: String(e.reason ?? '') }))
    : [];
  const message = body.message;
  let title: string;
  if (Array.isArray(message)) {
    // Nest's own validation shape: a list of sentences, no fields.
    errors.push(...message.map((m) => ({ field: '', reason: String(m) })));
    title = typeof body.error === 'string' ? body.error : statusText;
  } else if (typeof message === 'string' && message) {
    title = message;
  } else if (typeof data === 'string' && data && !data.trimStart().startsWith('<')) {
    title = data.slice(0, 200);
  } else {
    title = typeof body.error === 'string' ? body.error : statusText || `HTTP ${status}`;
  }
  return new ApiError(status, title, errors, data);
}

async function send(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      // A proxy's HTML or plain text page: kept as text for the message.
      data = text;
    }
  }
  if (!res.ok) throw errorOf(res.status, res.statusText, data);
  return data as T;
}

export async function login(username: string, password: string): Promise<User> {
  const res = await send('POST', '/api/auth/login', { username, password });
  const data = await parse<Session>(res);
  save({ accessToken: data.accessToken, refreshToken: data.refreshToken, user: data.user });
  return data.user;
}

let refreshing: Promise<boolean> | null = null;

/** Swaps the refresh token for a new pair; false when the session is gone. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    if (!session) return false;
    const res = await send('POST', '/api/auth/refresh', { refreshToken: session.refreshToken });
    if (!res.ok) {
      save(null);
      return false;
    }
    const data = (await res.json()) as Partial<Session>;
    save({
      accessToken: data.accessToken ?? '',
      refreshToken: data.refreshToken ?? session.refreshToken,
      user: data.user ?? session.user,
    });
    return true;
  })().finally(() => (refreshing = null));
  return refreshing;
}

export async function logout(): Promise<void> {
  if (session) {
    await send('POST', '/api/auth/logout', { refreshToken: session.refreshToken }, session.accessToken).catch(
      () => undefined,
    );
  }
  save(null);
}

let onSessionLost: () => void = () => undefined;
export function whenSessionLost(fn: () => void): void {
  onSessionLost = fn;
}

/** A JSON call with the access token; refreshes once on 401. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res = await send(method, path, body, session?.accessToken, headers);
  if (res.status === 401 && session && (await refresh())) {
    res = await send(method, path, body, session?.accessToken, headers);
  }
  if (res.status === 401) {
    save(null);
    onSessionLost();
  }
  return parse<T>(res);
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  api<T>('POST', path, body, headers);
export const put = <T>(path: string, body: unknown = {}) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown = {}) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Builds a query string, skipping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
