/** Errors a service raises; the one error handler turns each into its page. */

export class NotFoundError extends Error {
  constructor(what = 'page') {
    super(`No such ${what}`);
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that.') {
    super(message);
  }
}

export class SignInRequiredError extends Error {}

export type FieldErrors = Record<string, string>;

/** Bad input: a message per field, in the user's words. Nothing was saved. */
export class ValidationError extends Error {
  constructor(public readonly fieldErrors: FieldErrors) {
    super('There is a problem with what was entered');
  }
}

/** A stale edit: someone saved a newer version while this user was editing. */
export class ConflictError extends Error {
  constructor(
    public readonly current: Record<string, unknown>,
    public readonly changedBy: { name: string; at: string } | null,
  ) {
    super('This record was changed by someone else while you were editing it');
  }
}
