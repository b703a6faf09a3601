/** The agent workspace's work lists; each is a `view` of GET /tickets. */
export const TABS = ['new', 'customer_waiting', 'support_waiting', 'all'] as const;
export type Tab = (typeof TABS)[number];
