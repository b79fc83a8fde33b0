/**
 * The errors the API answers with. Each has an HTTP status and a stable id (`error` in the body)
 * that clients may branch on; the message is for people and may change.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const documentNotFound = (id: string) => new HttpError(404, 'document_not_found', `No document with id "${id}"`);

export const routeNotFound = (method: string, path: string) =>
  new HttpError(404, 'route_not_found', `No API route for ${method} ${path}`);

export const invalidJson = () => new HttpError(400, 'invalid_json', 'The request body is not valid JSON');

export const payloadTooLarge = () => new HttpError(413, 'payload_too_large', 'The request body is too large');

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);

export const internalError = () => new HttpError(500, 'internal_error', 'Something went wrong on the server');

export const unauthenticated = () => new HttpError(401, 'unauthenticated', 'Sign in to do this');

export const forbidden = (message = 'You are not allowed to do this') => new HttpError(403, 'forbidden', message);

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);

export const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'The email or password is not correct');

export const signUpRefused = () =>
  new HttpError(
    409,
    'sign_up_refused',
    'An account cannot be created with these details. If you already have an account, sign in instead.',
  );

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new HttpError(429, 'too_many_attempts', `Too many attempts. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`);

export const foreignOrigin = () => new HttpError(403, 'foreign_origin', 'This request came from another site and was refused');

export const inviteUnusable = () => new HttpError(410, 'invite_unusable', 'This invite link has expired, been used up or been revoked');

export const lastOwner = () => new HttpError(409, 'last_owner', 'A seminar needs an owner: make someone else owner first');

export const annotationNotFound = () => new HttpError(404, 'annotation_not_found', 'That annotation does not exist, or you may not see it');

export const replyNotFound = () => new HttpError(404, 'reply_not_found', 'That reply does not exist, or you may not see it');

export const selectorsMismatch = () =>
  new HttpError(422, 'selectors_mismatch', 'The selected passage does not match the document’s text; reload the document and select it again');

export const sourceImportedElsewhere = (documentId: string) =>
  new HttpError(409, 'source_imported_elsewhere', `This source was already imported as the document "${documentId}"`);

export const commandConflict = (message: string) => new HttpError(409, 'conflict', message);

export const databaseUnavailable = () =>
  new HttpError(503, 'unavailable', 'The server cannot reach its database just now; your change is kept and will be sent again');

export const annotationGone = () => new HttpError(410, 'annotation_gone', 'That annotation was deleted');

export const notAcceptable = (types: string) => new HttpError(406, 'not_acceptable', `This resource is served only as ${types}`);

export const unsupportedMediaType = (types: string) => new HttpError(415, 'unsupported_media_type', `Send the annotation as ${types}`);

export const preconditionRequired = () =>
  new HttpError(428, 'precondition_required', 'Send the ETag of the annotation you changed as If-Match, so that nobody’s newer change is overwritten');

export const preconditionFailed = () =>
  new HttpError(412, 'precondition_failed', 'The annotation changed since you read it: read it again, then send your change');

export const tagsLocked = (name: string) =>
  new HttpError(403, 'tags_locked', `This seminar’s tags are fixed and “${name}” is not one of them: choose one of its tags, or ask a moderator to add it`);

export const tagNameTaken = (name: string) =>
  new HttpError(409, 'tag_name_taken', `The seminar already has a tag “${name}”: merge into it instead`);

export const vocabularyFull = (limit: number) =>
  new HttpError(422, 'vocabulary_full', `A seminar has at most ${limit} tags: merge or delete some first`);

export const tagNotFound = () => new HttpError(404, 'tag_not_found', 'That tag is not in the seminar’s vocabulary');
