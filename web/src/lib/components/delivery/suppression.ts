import { api } from '../../api.ts';

/** A person's mail suppression (issue 8): after a hard bounce or a complaint no mail reaches them. */
export interface Suppression {
  suppressed: boolean;
  reason?: 'hard_bounce' | 'complaint';
  detail?: string;
  at?: string;
}

const path = (userId: string) => `/users/${encodeURIComponent(userId)}/mail-suppression`;

/** Whether mail to the person is suppressed; `allow401` for a page a visitor may just have left signed out. */
export const loadSuppression = (userId: string, opts: { allow401?: boolean } = {}) => api<Suppression>(path(userId), opts);

/** Switch mail to the person back on; answers the state after it. */
export const clearSuppression = (userId: string) => api<Suppression>(path(userId), { method: 'DELETE' });
