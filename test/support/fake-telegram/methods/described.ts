/**
 * A method result that carries a `description` in the response body, as setWebhook's
 * `{"ok":true,"result":true,"description":"Webhook was set"}` does.
 */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
