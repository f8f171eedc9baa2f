import { expect } from 'chai';
import { MemoryCallbackStore } from '../../src/handover/callbacks';
import { MemoryHandoverEvents } from '../../src/handover/events';
import { MemoryTicketStore } from '../../src/handover/memoryTicketStore';
import { MemoryPresence } from '../../src/handover/presence';
import { HandoverQueue } from '../../src/handover/queue';
import { MemoryRecordStore } from '../../src/handover/records';
import { APPOINTMENT_KEPT_AFTER_MS, HandoverService } from '../../src/handover/service';
import type { AppointmentRequest, Referral } from '../../src/handover/records';

describe('the hourly purge: what a TTL cannot cover', () => {
  it('deletes appointment requests a day after their time, with their contact, and keeps upcoming ones', async () => {
    let now = Date.parse('2026-12-10T12:00:00Z');
    const clock = () => now;
    const events = new MemoryHandoverEvents();
    const appointments = new MemoryRecordStore<AppointmentRequest>(clock);
    const service = new HandoverService({
      queue: new HandoverQueue(new MemoryTicketStore(), { events, now: clock }),
      events,
      callbacks: new MemoryCallbackStore(clock),
      referrals: new MemoryRecordStore<Referral>(clock),
      appointments,
      presence: new MemoryPresence(clock),
      hours: undefined,
      // Nobody is told anything by a purge.
      channel: {
        notify: async () => undefined,
        transcript: async () => [],
        gloss: () => undefined,
      },
      now: clock,
    });
    const request = (start: string) =>
      service.addAppointment({
        conversationId: `c-${start}`,
        start: Date.parse(start),
        minutes: 30,
        place: 'Willkommenszentrum',
        language: 'ar',
        contact: '0176 1234567',
        contactType: 'phone',
        status: 'confirmed',
        reference: {},
      });
    await request('2026-12-08T09:00:00Z');
    const yesterday = await request('2026-12-09T13:00:00Z');
    const upcoming = await request('2026-12-15T09:00:00Z');
    expect(await service.purge()).to.equal(1);
    expect((await appointments.list()).map((entry) => entry.id)).to.deep.equal([
      yesterday.id,
      upcoming.id,
    ]);
    now += APPOINTMENT_KEPT_AFTER_MS;
    expect(await service.purge()).to.equal(1);
    expect((await appointments.list()).map((entry) => entry.id)).to.deep.equal([upcoming.id]);
  });
});
