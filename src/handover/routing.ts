import type { CounsellorProfile, Offer, Ticket } from './ticket';

/** Whether a counsellor speaks the ticket's language and advises its audience. */
export function matches(ticket: Ticket, counsellor: CounsellorProfile): boolean {
  const speaks = counsellor.languages.includes(ticket.language);
  const advises =
    counsellor.audiences.length === 0 ||
    ticket.audience === undefined ||
    counsellor.audiences.includes(ticket.audience);
  return speaks && advises;
}

/**
 * Whether a waiting ticket is offered to a counsellor: they speak its
 * language and advise its audience, or it has waited `escalateAfterMs`.
 */
export function isOffered(
  ticket: Ticket,
  counsellor: CounsellorProfile,
  now: number,
  escalateAfterMs: number,
): boolean {
  return matches(ticket, counsellor) || now - ticket.createdAt >= escalateAfterMs;
}

/**
 * The waiting tickets a counsellor is offered, in the order to take them: a
 * ticket goes first to counsellors who speak its language (and advise its
 * audience); once it has waited `escalateAfterMs`, to everyone, marked as
 * escalated so the console shows the language. Matching tickets come first,
 * each group oldest first.
 */
export function offersFor(
  waiting: readonly Ticket[],
  counsellor: CounsellorProfile,
  now: number,
  escalateAfterMs: number,
): Offer[] {
  const matching: Offer[] = [];
  const escalated: Offer[] = [];
  for (const ticket of [...waiting].sort((a, b) => a.createdAt - b.createdAt)) {
    if (matches(ticket, counsellor)) matching.push({ ticket, escalated: false });
    else if (isOffered(ticket, counsellor, now, escalateAfterMs)) {
      escalated.push({ ticket, escalated: true });
    }
  }
  return [...matching, ...escalated];
}
