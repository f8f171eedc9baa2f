import { HttpError } from '../../util/httpError';

/** A Direct Line error as the protocol returns it: `{error: {code, message}}`. */
export class DirectLineError extends HttpError {
  /** The response body. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** 400: the request is malformed or holds a value the gateway does not accept. */
export const badArgument = (message: string) => new DirectLineError(400, 'BadArgument', message);
/** 403: the token or secret is missing, wrong, expired or for another conversation. */
export const forbidden = (code: 'TokenExpired' | 'Forbidden', message: string) =>
  new DirectLineError(403, code, message);
/** 404: the conversation does not exist (never created, expired or deleted). */
export const conversationNotFound = () =>
  new DirectLineError(404, 'NotFound', 'Conversation not found.');
