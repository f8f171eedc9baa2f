import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  ActionTypes,
  CardFactory,
  MessageFactory,
  type Activity,
  type Attachment,
  type CardAction,
} from 'botbuilder';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { readJson } from '../content/files';
import {
  email,
  httpsUrl,
  inLanguage,
  listOf,
  localized,
  parseData,
  Source,
  text,
  uniqueIds,
} from '../content/schemas';
import { TOPIC_IDS, type TopicId } from '../content/topics';
import { directionOf, SUPPORTED_LANGUAGES, type Language } from '../language/languages';

/** The districts of the service point's region a partner can serve. */
export const REGIONS = ['leipzig', 'landkreis-leipzig', 'nordsachsen'] as const;
/** One of {@link REGIONS}. */
export type Region = (typeof REGIONS)[number];

const UNIQUE_ID = 'must be a unique lowercase id like "ihk-leipzig"';

/** A network partner the bot suggests and a counsellor can refer a user to. */
const Partner = z.object({
  id: text.regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: UNIQUE_ID }),
  name: text,
  /** What they help with. */
  topics: listOf(z.enum(TOPIC_IDS), 'topic ids from TOPICS.md'),
  /** Where they help (every district of the region when all are listed). */
  regions: listOf(z.enum(REGIONS), REGIONS.join(', ')),
  /** Languages they counsel in (ISO 639 codes; not only the bot's languages). */
  languages: listOf(z.string().regex(/^[a-z]{2,3}$/), 'language codes such as "de", "ar"'),
  /** What they do, in every language of the bot. */
  description: localized(SUPPORTED_LANGUAGES),
  address: text.optional(),
  phone: text.optional(),
  email: email.optional(),
  website: httpsUrl.optional(),
  source: Source,
});
/** A network partner the bot suggests and a counsellor can refer a user to. */
export type Partner = z.infer<typeof Partner>;

/** `partners.json`: `{"partners": [...]}`. */
const PartnersFile = z.object({
  partners: z.array(Partner, { error: 'must be a list' }).superRefine(uniqueIds(UNIQUE_ID)),
});

/**
 * Reads `<dataDir>/partners.json` (`{"partners": [...]}`), or none when the
 * file is missing; errors name the file, the entry and the field.
 */
export function loadPartners(dataDir: string): Partner[] {
  const file = path.join(dataDir, 'partners.json');
  if (!existsSync(file)) return [];
  return parseData(PartnersFile, readJson(file), `Data: ${file}:`).partners;
}

/** The partners for a topic in a district, the most specific first (fewest topics). */
export function partnersFor(
  partners: readonly Partner[],
  topic: TopicId | undefined,
  region: Region | undefined,
): Partner[] {
  return partners
    .filter(
      (partner) =>
        (topic === undefined || partner.topics.includes(topic)) &&
        (region === undefined || partner.regions.includes(region)),
    )
    .sort((a, b) => a.topics.length - b.topics.length);
}

/** The link that finds an address on OpenStreetMap (no map is served by us). */
export function mapLink(address: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

/**
 * A partner as a hero card in the user's language: name, what they do,
 * address and contact, and buttons to call, write, open the website and
 * find the address on OpenStreetMap, then `extra` buttons (e.g. a referral).
 */
export function partnerAttachment(
  partner: Partner,
  t: TFunction,
  language: Language,
  extra: CardAction[] = [],
): Attachment {
  const buttons: CardAction[] = [];
  const add = (type: string, key: string, value: string) =>
    buttons.push({ type, title: t(key), value });
  if (partner.phone)
    add(ActionTypes.Call, 'handover:partner.call', `tel:${partner.phone.replace(/[^\d+]/g, '')}`);
  if (partner.email) add(ActionTypes.OpenUrl, 'handover:partner.email', `mailto:${partner.email}`);
  if (partner.website) add(ActionTypes.OpenUrl, 'handover:partner.website', partner.website);
  if (partner.address) add(ActionTypes.OpenUrl, 'handover:partner.map', mapLink(partner.address));
  const lines = [
    inLanguage(partner.description, language),
    partner.address,
    partner.phone,
    partner.email,
  ]
    .filter(Boolean)
    .join('\n');
  return CardFactory.heroCard(partner.name, lines, undefined, [...buttons, ...extra]);
}

/** One partner's card as a message in the user's language. */
export function partnerCard(partner: Partner, t: TFunction, language: Language): Partial<Activity> {
  return localizedAttachments([partnerAttachment(partner, t, language)], language);
}

/** Cards as one message (a carousel when there are several), marked with the language. */
export function localizedAttachments(
  attachments: Attachment[],
  language: Language,
): Partial<Activity> {
  const activity =
    attachments.length === 1
      ? MessageFactory.attachment(attachments[0]!)
      : MessageFactory.carousel(attachments);
  activity.locale = language;
  activity.channelData = { language, direction: directionOf(language) };
  return activity;
}
