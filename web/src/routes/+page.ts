import { needTexts } from '#lib/state.svelte.ts';
import type { PageLoad } from './$types';

/** This page's texts are in `more` (see state.svelte.ts). */
export const load: PageLoad = async ({ parent }) => {
  await needTexts('more', parent);
};
