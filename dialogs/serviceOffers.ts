import { MENU_BUTTON } from './steps';
import {
  ActionTypes,
  CardFactory,
  type Attachment,
  type CardAction,
  type TurnContext,
} from 'botbuilder';
import { describeTime, isOpen, nextOpening, DEFAULT_TIME_ZONE } from '../src/content/hours';
import { inLanguage } from '../src/content/schemas';
import type { TopicId } from '../src/content/topics';
import type { OfferEvent, OrientationRoute } from '../src/offers/data';
import { localizedAttachments, mapLink, partnersFor } from '../src/partners/partners';
import type { DialogDeps } from './deps';
import { type Button, type ButtonValue } from '../src/ui/ui';
import { turnLanguage } from '../src/language/turnLanguage';

/** Upcoming events shown at once. */
export const MAX_EVENT_CARDS = 5;

/**
 * What the service point offers for a topic besides the answer: an action
 * that does it (book, list, check, call). Other topics with partners get
 * "who can help?".
 */
export const TOPIC_OFFERS: Partial<Record<TopicId, ButtonValue>> = {
  'network-partners': { action: 'partners' },
  'office-hours': { action: 'appointment' },
  contact: { action: 'appointment' },
  events: { action: 'events' },
  'finding-a-place': { action: 'events' },
  'company-hotline': { action: 'hotline' },
  'company-eligibility': { action: 'companyCheck' },
  'choosing-occupation': { action: 'routes' },
};

/** The offer button for a topic's answer, if the service point has one. */
export function offerFor(deps: DialogDeps, topic: TopicId): Button | undefined {
  const offer = TOPIC_OFFERS[topic];
  const missing =
    offer &&
    'action' in offer &&
    ((offer.action === 'routes' && deps.offers.routes.length === 0) ||
      (offer.action === 'hotline' && !deps.offers.hotline));
  if (offer && !missing) {
    return { value: offer };
  }
  return partnersFor(deps.partners, topic, undefined).length > 0
    ? { value: { action: 'partners', topic } }
    : undefined;
}

function link(title: string, value: string): CardAction {
  return { type: ActionTypes.OpenUrl, title, value };
}

/** Upcoming events for the user's audience (all audiences when none is chosen), as cards. */
export async function showEvents(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { ui } = deps;
  const now = deps.now?.() ?? Date.now();
  const audience = (await deps.userProfile.get(context, {})).audience;
  const upcoming = deps.offers.events
    .filter((event) => Date.parse(event.end ?? event.start) > now)
    .filter((event) => !audience || event.audiences.includes(audience))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .slice(0, MAX_EVENT_CARDS);
  if (upcoming.length === 0) {
    await ui.send(context, ['offers:events.none'], [MENU_BUTTON]);
    return;
  }
  const language = turnLanguage(context);
  const t = ui.t(context);
  const card = (event: OfferEvent): Attachment => {
    const when = describeTime(new Date(event.start), language, DEFAULT_TIME_ZONE);
    const lines = [when, [event.place, event.address].filter(Boolean).join(', ')];
    if (event.description) lines.push(inLanguage(event.description, language));
    const buttons = [
      link(t('offers:events.calendar'), `${deps.publicUrl}/calendar/events/${event.id}.ics`),
    ];
    if (event.url) buttons.push(link(t('offers:events.more'), event.url));
    if (event.address) buttons.push(link(t('offers:events.map'), mapLink(event.address)));
    return CardFactory.heroCard(
      inLanguage(event.title, language),
      lines.join('\n'),
      undefined,
      buttons,
    );
  };
  await ui.send(context, ['offers:events.intro']);
  await context.sendActivity(localizedAttachments(upcoming.map(card), language));
  await ui.send(context, ['answer.followUp'], [MENU_BUTTON]);
}

/**
 * The company hotline: its number, and whether it is answered now or when
 * next; when it is closed, a callback is offered (the caller starts it).
 * Returns true when it is closed.
 */
export async function showHotline(deps: DialogDeps, context: TurnContext): Promise<boolean> {
  const { hotline } = deps.offers;
  if (!hotline) {
    // A button from an older message, while the service point runs no hotline (any longer).
    await deps.ui.send(context, ['answer.notOffered'], [MENU_BUTTON]);
    return false;
  }
  const now = new Date(deps.now?.() ?? Date.now());
  const texts = [{ key: 'offers:hotline.text', args: { phone: hotline.phone } }];
  if (!hotline.schedule) {
    await deps.ui.send(context, [...texts, { key: 'offers:hotline.noTimes' }], [MENU_BUTTON]);
    return false;
  }
  if (isOpen(hotline.schedule, now)) {
    await deps.ui.send(context, [...texts, { key: 'offers:hotline.openNow' }], [MENU_BUTTON]);
    return false;
  }
  const next = nextOpening(hotline.schedule, now);
  await deps.ui.send(context, [
    ...texts,
    next
      ? {
          key: 'offers:hotline.next',
          args: { next: describeTime(next, turnLanguage(context), hotline.schedule.timeZone) },
        }
      : { key: 'offers:hotline.noTimes' },
  ]);
  return true;
}

/** The orientation routes by field, as buttons; none listed: who to ask. */
export async function showRoutes(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { routes } = deps.offers;
  if (routes.length === 0) {
    await deps.ui.send(context, ['offers:routes.none'], [MENU_BUTTON]);
    return;
  }
  const language = turnLanguage(context);
  await deps.ui.send(
    context,
    ['offers:routes.intro'],
    [
      ...routes.slice(0, 5).map((route): Button => ({
        label: { literal: inLanguage(route.field, language) },
        value: { action: 'route', route: route.id },
      })),
      MENU_BUTTON,
    ],
  );
}

/** A link that opens the whole route on foot in a map app (GraphHopper on OpenStreetMap data). */
export function routeMapLink(route: OrientationRoute): string {
  const points = route.stops.map((stop) => `point=${stop.lat},${stop.lon}`).join('&');
  return `https://graphhopper.com/maps/?${points}&profile=foot`;
}

/** One route: its stops with what can be seen, and the whole route in a map app. */
export async function showRoute(deps: DialogDeps, context: TurnContext, id: string): Promise<void> {
  const route = deps.offers.routes.find((candidate) => candidate.id === id);
  if (!route) return showRoutes(deps, context);
  const language = turnLanguage(context);
  const t = deps.ui.t(context);
  const stops = route.stops.map((stop, index) =>
    t('offers:routes.stop', {
      number: index + 1,
      name: stop.name,
      see: inLanguage(stop.see, language),
      address: stop.address,
    }),
  );
  const buttons = [
    link(t('offers:routes.map'), routeMapLink(route)),
    ...route.stops
      .slice(0, 3)
      .map((stop, index) =>
        link(
          t('offers:routes.stopMap', { number: index + 1 }),
          `https://www.openstreetmap.org/?mlat=${stop.lat}&mlon=${stop.lon}#map=17/${stop.lat}/${stop.lon}`,
        ),
      ),
  ];
  await context.sendActivity(
    localizedAttachments(
      [
        CardFactory.heroCard(
          inLanguage(route.title, language),
          stops.join('\n'),
          undefined,
          buttons,
        ),
      ],
      language,
    ),
  );
  await deps.ui.send(context, ['answer.followUp'], [{ value: { action: 'routes' } }, MENU_BUTTON]);
}
