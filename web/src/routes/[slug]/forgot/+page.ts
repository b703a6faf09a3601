import { needTexts } from '#lib/state.svelte.ts';
import type { PageLoad } from './$types';

/** A public page beyond the sign-in page: its texts are in `more` (see state.svelte.ts). */
export const load: PageLoad = async ({ parent }) => {
  await needTexts('more', parent);
};
