/** Placeholder replaced below. */
import type { SearchEngine } from './engine.ts';
export function openSearchEngine(): SearchEngine {
  throw new Error('OpenSearch is not configured');
}
