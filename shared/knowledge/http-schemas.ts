/** Every API shape of part `topics and faq` (issue 9), in one import for the route table. */
export * from './topic-schemas.ts';
export * from './faq-schemas.ts';
