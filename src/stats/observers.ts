import type { HandoverObserver } from '../handover/service';
import type { Statistics } from './statistics';

/** The handover in the anonymous statistics: requests, accepts and the time to accept, by language and audience. */
export function statisticsObserver(stats: Statistics): HandoverObserver {
  return {
    requested: (ticket) =>
      stats.count('handoverRequested', {
        language: ticket.language,
        ...(ticket.audience ? { audience: ticket.audience } : {}),
      }),
    accepted: (ticket) => {
      const dimensions = {
        language: ticket.language,
        ...(ticket.audience ? { audience: ticket.audience } : {}),
      };
      stats.count('handoverAccepted', dimensions);
      const waited = Math.round(
        ((ticket.acceptedAt ?? ticket.createdAt) - ticket.createdAt) / 1000,
      );
      stats.count('handoverAcceptSeconds', dimensions, waited);
    },
    request: (kind, language) =>
      stats.count(
        kind === 'callback' ? 'callbacks' : kind === 'referral' ? 'referrals' : 'appointments',
        {
          language,
        },
      ),
  };
}
