import { errorMessage, fieldErrors } from './api.ts';

/**
 * The state every form shares: busy while its action runs, then the error box and the field
 * errors from a failure. `submit` is the form's `onsubmit`.
 */
export class FormState {
  busy = $state(false);
  error = $state<string | null>(null);
  errors = $state<Record<string, string>>({});

  readonly #action: () => Promise<unknown>;
  readonly #fieldKey: (path: string) => string;

  /** `fieldKey` renames problem paths to the ids the fields use (`branding.title` → `title`). */
  constructor(action: () => Promise<unknown>, fieldKey: (path: string) => string = (p) => p) {
    this.#action = action;
    this.#fieldKey = fieldKey;
  }

  submit = async (e?: SubmitEvent): Promise<void> => {
    e?.preventDefault();
    this.error = null;
    this.errors = {};
    this.busy = true;
    try {
      await this.#action();
    } catch (err) {
      this.error = errorMessage(err);
      this.errors = Object.fromEntries(Object.entries(fieldErrors(err)).map(([k, v]) => [this.#fieldKey(k), v]));
    } finally {
      this.busy = false;
    }
  };

  /** A failure found before asking the server: one field's error, repeated in the error box. */
  fail(field: string, message: string): void {
    this.errors = { [field]: message };
    this.error = message;
  }
}
