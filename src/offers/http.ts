import type { Request, Response, Server } from 'restify';
import { inLanguage } from '../content/schemas';
import type { AppointmentRequest, RecordStore } from '../handover/records';
import type { Logger } from '../logger';
import type { OfferEvent } from './data';
import { calendarFile } from './ics';
import { plainError, toHttpError } from '../http/respond';
import { ROUTE_DEADLINE_MS, within } from '../util/deadline';
import { sendHttpError } from '../util/httpError';

/** What the calendar files are made from. */
export interface CalendarDeps {
  events: readonly OfferEvent[];
  appointments: RecordStore<AppointmentRequest>;
  /** Named in an appointment's title. */
  organisationName: string;
  logger: Logger;
}

/** An event without an end is put in calendars with this length. */
const DEFAULT_EVENT_HOURS = 2;

/**
 * Calendar files (.ics) for the links the bot sends: `/calendar/events/<id>.ics`
 * (public events) and `/calendar/appointments/<id>.ics` (a confirmed
 * appointment; its random id is the key, and the file holds only time and place).
 */
export function registerCalendarRoutes(server: Server, deps: CalendarDeps): void {
  const send = (res: Response, name: string, body: string) => {
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.ics"`);
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(200);
    res.end(body);
  };
  const notFound = (res: Response): void => {
    res.send(404, { code: 'NotFound', message: 'No such calendar entry.' });
  };
  const idOf = (req: Request) =>
    /^([A-Za-z0-9_-]{1,80})\.ics$/.exec(String(req.params.file ?? ''))?.[1];

  server.get('/calendar/events/:file', async (req: Request, res: Response) => {
    const event = deps.events.find((candidate) => candidate.id === idOf(req));
    if (!event) return notFound(res);
    const start = new Date(event.start);
    send(
      res,
      event.id,
      calendarFile({
        uid: `event-${event.id}@kausa-bot`,
        title: inLanguage(event.title, 'de'),
        start,
        end: event.end
          ? new Date(event.end)
          : new Date(start.getTime() + DEFAULT_EVENT_HOURS * 3_600_000),
        location: [event.place, event.address].filter(Boolean).join(', '),
        ...(event.url ? { url: event.url } : {}),
      }),
    );
  });

  server.get('/calendar/appointments/:file', async (req: Request, res: Response) => {
    const id = idOf(req);
    try {
      const appointment = id
        ? await within(deps.appointments.get(id), ROUTE_DEADLINE_MS)
        : undefined;
      if (!appointment || appointment.status !== 'confirmed') return notFound(res);
      send(
        res,
        'termin',
        calendarFile({
          uid: `appointment-${appointment.id}@kausa-bot`,
          title: deps.organisationName,
          start: new Date(appointment.start),
          end: new Date(appointment.start + appointment.minutes * 60_000),
          location: appointment.place,
        }),
      );
    } catch (error) {
      const failure = toHttpError(error, deps.logger, 'calendar file failed');
      sendHttpError(res, failure, plainError(failure));
    }
  });
}
