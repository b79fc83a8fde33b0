/** The account endpoints: sign-up, sign-in, sign-out, the signed-in user, name and password. */
import type { UserRecord } from '../../shared/accounts.ts';
import { request, type ApiResult } from './api.ts';

/** Who is signed in: `{user: null}` for a visitor, never a 401. */
export const fetchSession = (): Promise<ApiResult<{ user: UserRecord | null }>> => request<{ user: UserRecord | null }>('GET', '/api/session');

export const postSignUp = (input: { name: string; email: string; password: string }): Promise<ApiResult<UserRecord>> =>
  request<UserRecord>('POST', '/api/auth/signup', input);

export const postSignIn = (input: { email: string; password: string }): Promise<ApiResult<UserRecord>> =>
  request<UserRecord>('POST', '/api/auth/signin', input);

export const postSignOut = (): Promise<ApiResult<void>> => request<void>('POST', '/api/auth/signout');

export const patchMe = (input: { name: string }): Promise<ApiResult<UserRecord>> => request<UserRecord>('PATCH', '/api/me', input);

export const postPassword = (input: { currentPassword: string; newPassword: string }): Promise<ApiResult<void>> =>
  request<void>('POST', '/api/me/password', input);
