/** Which of our languages a caller prefers, from an HTTP `Accept-Language` header. */
import Negotiator from 'negotiator';
import { LANGUAGES, type Language } from './tenancy/constants.ts';

/**
 * The caller's most preferred language among ours (weights and regions understood), if it names
 * one; a bare `*` (what many HTTP clients send) states no preference.
 */
export function preferredLanguage(acceptLanguage: string | undefined): Language | undefined {
  if (!acceptLanguage) return undefined;
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage } });
  if (negotiator.languages().every((l) => l === '*')) return undefined;
  return negotiator.languages([...LANGUAGES])[0] as Language | undefined;
}
