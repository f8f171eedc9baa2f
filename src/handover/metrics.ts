import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { HandoverQueue } from './queue';
import type { HandoverObserver } from './service';

/**
 * The handover in the Prometheus metrics, registered on the app's registry:
 * tickets waiting and active (all instances), requests and what became of
 * them, and the time until a counsellor accepted. Returns the observer that counts.
 */
export function handoverMetrics(registry: Registry, queue: HandoverQueue): HandoverObserver {
  const registers = [registry];
  new Gauge({
    name: 'kausa_handover_tickets',
    help: 'Handover tickets by status (all instances)',
    labelNames: ['status'],
    registers,
    async collect() {
      try {
        this.set({ status: 'waiting' }, (await queue.list('waiting')).length);
        this.set({ status: 'active' }, (await queue.list('active')).length);
      } catch {
        // Storage unavailable: the last values stay, kausa_storage_up says why.
      }
    },
  });
  const acceptSeconds = new Histogram({
    name: 'kausa_handover_wait_seconds',
    help: 'Time from a handover request until a counsellor accepted it',
    buckets: [30, 60, 120, 300, 600, 1200, 1800],
    registers,
  });
  const handovers = new Counter({
    name: 'kausa_handovers_total',
    help: 'Handover requests and what became of them (requested, accepted, cancelled, expired)',
    labelNames: ['event'],
    registers,
  });
  return {
    requested: () => handovers.inc({ event: 'requested' }),
    accepted: (ticket) => {
      handovers.inc({ event: 'accepted' });
      acceptSeconds.observe(((ticket.acceptedAt ?? ticket.createdAt) - ticket.createdAt) / 1000);
    },
    ended: (_ticket, how) => {
      if (how !== 'closed') handovers.inc({ event: how });
    },
  };
}
