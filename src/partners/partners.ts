import { existsSync } from 'node:fs';
import path from 'node:path';
import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { isHttpsUrl } from '../content/catalogue';
import { ContentError, readJson } from '../content/files';
import { isTopicId, type TopicId } from '../content/topics';
import { directionOf, type Language } from '../language/languages';

/** A network partner a counsellor (later: the bot) can refer a user to. */
export interface Partner {
  id: string;
  name: string;
  /** What they help with. */
  topics: TopicId[];
  region?: string;
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
}

const ID = /^[a-z0-9][a-z0-9-]{1,40}$/;
const OPTIONAL_TEXT = ['region', 'address', 'phone', 'email'] as const;

/**
 * Reads `<dataDir>/partners.json` (`{"partners": [...]}`), or none when the
 * file is missing; errors name the file, the entry and the field.
 */
export function loadPartners(dataDir: string): Partner[] {
  const file = path.join(dataDir, 'partners.json');
  if (!existsSync(file)) return [];
  const raw = readJson(file) as { partners?: unknown };
  if (!Array.isArray(raw.partners)) {
    throw new ContentError(`Data: ${file}: "partners" must be a list`);
  }
  const seen = new Set<string>();
  return raw.partners.map((entry: Record<string, unknown>, index) => {
    const where = `Data: ${file}: partners[${index}]`;
    if (typeof entry.id !== 'string' || !ID.test(entry.id) || seen.has(entry.id)) {
      throw new ContentError(`${where}: "id" must be a unique lowercase id like "ihk-leipzig"`);
    }
    seen.add(entry.id);
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      throw new ContentError(`${where}: "name" must be a non-empty text`);
    }
    if (!Array.isArray(entry.topics) || !entry.topics.every(isTopicId)) {
      throw new ContentError(`${where}: "topics" must be a list of topic ids from TOPICS.md`);
    }
    const partner: Partner = { id: entry.id, name: entry.name, topics: entry.topics };
    for (const field of OPTIONAL_TEXT) {
      const value = entry[field];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim() === '') {
        throw new ContentError(`${where}: "${field}" must be a non-empty text when given`);
      }
      partner[field] = value;
    }
    if (entry.website !== undefined) {
      if (!isHttpsUrl(entry.website)) {
        throw new ContentError(`${where}: "website" must be an https URL`);
      }
      partner.website = entry.website;
    }
    return partner;
  });
}

/**
 * A partner as a card in the user's language: name, address, and buttons to
 * call, write, open the website and find the address on OpenStreetMap.
 */
export function partnerCard(partner: Partner, t: TFunction, language: Language): Partial<Activity> {
  const buttons = [
    ...(partner.phone
      ? [
          {
            type: ActionTypes.Call,
            title: t('handover:partner.call'),
            value: `tel:${partner.phone.replace(/[^\d+]/g, '')}`,
          },
        ]
      : []),
    ...(partner.email
      ? [
          {
            type: ActionTypes.OpenUrl,
            title: t('handover:partner.email'),
            value: `mailto:${partner.email}`,
          },
        ]
      : []),
    ...(partner.website
      ? [
          {
            type: ActionTypes.OpenUrl,
            title: t('handover:partner.website'),
            value: partner.website,
          },
        ]
      : []),
    ...(partner.address
      ? [
          {
            type: ActionTypes.OpenUrl,
            title: t('handover:partner.map'),
            value: `https://www.openstreetmap.org/search?query=${encodeURIComponent(partner.address)}`,
          },
        ]
      : []),
  ];
  const lines = [partner.address, partner.phone, partner.email].filter(Boolean).join('\n');
  const activity = MessageFactory.attachment(
    CardFactory.heroCard(partner.name, lines, undefined, buttons),
  );
  activity.locale = language;
  activity.channelData = { language, direction: directionOf(language) };
  return activity;
}
