/**
 * A tiny API client over fetch, with one cookie jar per named user:
 *
 *   const api = apiClient();
 *   const ada = api.as('ada');
 *   await ada.post('/api/v1/portals/demo/login', { email, password });
 *   const me = await ada.get('/api/v1/me');   // → { status, headers, json, text }
 */
import { inject } from 'vitest';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed body for JSON / problem+json responses, else undefined. */
  json: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Raw body (sent as is); otherwise a `body` argument is sent as JSON. */
  raw?: string | Uint8Array;
}

export interface UserClient {
  readonly name: string;
  request<T = any>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  get<T = any>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  delete<T = any>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** The jar: cookie name → value. */
  readonly cookies: Map<string, string>;
}

export interface ApiClient {
  /** The client of a named user (same name → same cookie jar). */
  as(name: string): UserClient;
  /** A fresh client with an empty jar. */
  anonymous(): UserClient;
  baseUrl: string;
}

export function apiClient(baseUrl: string = inject('baseUrl')): ApiClient {
  const users = new Map<string, UserClient>();
  let anon = 0;
  return {
    baseUrl,
    as(name) {
      let u = users.get(name);
      if (!u) users.set(name, (u = userClient(baseUrl, name)));
      return u;
    },
    anonymous: () => userClient(baseUrl, `anonymous-${++anon}`),
  };
}

function userClient(baseUrl: string, name: string): UserClient {
  const cookies = new Map<string, string>();
  const origin = new URL(baseUrl).origin;

  async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(path, baseUrl);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', origin, ...opts.headers };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | Uint8Array | undefined = opts.raw;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url, { method, headers, body: payload as BodyInit | undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) storeCookie(cookies, line);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let json: any;
    if (/json/.test(type) && text) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, json, text };
  }

  return {
    name,
    cookies,
    request,
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
  };
}

/** Applies one Set-Cookie line to the jar (paths and domains ignored: one site). */
function storeCookie(jar: Map<string, string>, line: string): void {
  const [pair, ...attrs] = line.split(';');
  const eq = pair!.indexOf('=');
  if (eq < 1) return;
  const name = pair!.slice(0, eq).trim();
  const value = pair!.slice(eq + 1).trim();
  const expired = attrs.some((a) => {
    const [k, v = ''] = a.trim().split('=');
    const key = k!.toLowerCase();
    return (key === 'max-age' && Number(v) <= 0) || (key === 'expires' && Date.parse(v) <= Date.now());
  });
  if (expired || value === '') jar.delete(name);
  else jar.set(name, value);
}
