/** Largest request body of the counsellor API (a message is short). */
export const MAX_COUNSELLOR_BODY_BYTES = 16 * 1024;
/** How often an open event stream gets a keep-alive comment (and the account is checked again). */
export const EVENT_STREAM_HEARTBEAT_MS = 25_000;
/** Longest message a counsellor can send in one go (as long as a user's). */
export const MAX_COUNSELLOR_MESSAGE_CHARS = 2000;
