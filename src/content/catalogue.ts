import path from 'node:path';
import { ContentError, readJson } from './files';
import { AUDIENCES, isAudience, isTopicId, TOPIC_IDS, type Audience, type TopicId } from './topics';

/** Where a topic's facts come from. */
export interface Source {
  title: string;
  url: string;
}

/** Language-independent facts about a topic (`locales/topics/<id>.json`). */
export interface TopicMeta {
  id: TopicId;
  audiences: Audience[];
  related: TopicId[];
  needsCounsellor: boolean;
  checked: string;
  sources: Source[];
}

/** A group of topics in an audience's menu (`locales/menus.json`). */
export interface MenuGroup {
  id: string;
  topics: TopicId[];
}

/** All topics with their metadata, and the menus per audience. */
export interface Catalogue {
  topics: ReadonlyMap<TopicId, TopicMeta>;
  menus: Readonly<Record<Audience, MenuGroup[]>>;
}

/** Longest menu shown at once: Web Chat shows at most this many buttons well on a phone. */
export const MAX_BUTTONS = 6;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validateMeta(file: string, raw: unknown, id: TopicId): TopicMeta {
  const meta = raw as Partial<TopicMeta>;
  const fail = (problem: string) => new ContentError(`Content: ${file}: ${problem}`);
  if (meta.id !== id) throw fail(`"id" must be "${id}"`);
  if (!Array.isArray(meta.audiences) || meta.audiences.length === 0) {
    throw fail('"audiences" must list at least one audience');
  }
  for (const audience of meta.audiences) {
    if (!isAudience(audience)) throw fail(`unknown audience "${String(audience)}"`);
  }
  if (!Array.isArray(meta.related)) throw fail('"related" must be a list of topic ids');
  for (const related of meta.related) {
    if (!isTopicId(related) || related === id) throw fail(`bad related topic "${String(related)}"`);
  }
  if (typeof meta.needsCounsellor !== 'boolean')
    throw fail('"needsCounsellor" must be true or false');
  if (typeof meta.checked !== 'string' || !DATE.test(meta.checked)) {
    throw fail('"checked" must be a date YYYY-MM-DD');
  }
  if (!Array.isArray(meta.sources) || meta.sources.length === 0) {
    throw fail('"sources" must list at least one source');
  }
  for (const source of meta.sources) {
    if (typeof source?.title !== 'string' || !isHttpsUrl(source.url)) {
      throw fail(`source ${JSON.stringify(source)} needs a title and an https url`);
    }
  }
  return meta as TopicMeta;
}

/** True for a well-formed absolute https URL with a host. */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Loads and validates `locales/topics/*.json` and `locales/menus.json`. */
export function loadCatalogue(localesDir: string): Catalogue {
  const topics = new Map<TopicId, TopicMeta>();
  for (const id of TOPIC_IDS) {
    const file = path.join(localesDir, 'topics', `${id}.json`);
    topics.set(id, validateMeta(file, readJson(file), id));
  }
  const menusFile = path.join(localesDir, 'menus.json');
  const rawMenus = readJson(menusFile) as Record<string, MenuGroup[]>;
  const menus = {} as Record<Audience, MenuGroup[]>;
  for (const audience of AUDIENCES) {
    const groups = rawMenus[audience];
    if (!Array.isArray(groups) || groups.length === 0 || groups.length > MAX_BUTTONS) {
      throw new ContentError(`Content: ${menusFile}: "${audience}" needs 1–${MAX_BUTTONS} groups`);
    }
    for (const group of groups) {
      if (
        typeof group.id !== 'string' ||
        !Array.isArray(group.topics) ||
        group.topics.length === 0
      ) {
        throw new ContentError(`Content: ${menusFile}: a group of "${audience}" is malformed`);
      }
      for (const topic of group.topics) {
        if (!isTopicId(topic)) {
          throw new ContentError(`Content: ${menusFile}: unknown topic "${String(topic)}"`);
        }
      }
    }
    menus[audience] = groups;
  }
  return { topics, menus };
}
