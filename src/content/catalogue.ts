import path from 'node:path';
import { z } from 'zod';
import { readJson } from './files';
import { date, httpsUrl, parseData } from './schemas';
import { AUDIENCES, TOPIC_IDS, type Audience, type TopicId } from './topics';

/** Longest menu shown at once: Web Chat shows at most this many buttons well on a phone. */
export const MAX_BUTTONS = 6;

const topicId = z.enum(TOPIC_IDS, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a topic id`,
});

/** Where a topic's facts come from. */
const Source = z.object({ title: z.string(), url: httpsUrl });
/** Where a topic's facts come from. */
export type Source = z.infer<typeof Source>;

/** Language-independent facts about the topic `id` (`locales/topics/<id>.json`). */
function topicMeta(id: TopicId) {
  return z.object({
    id: z.literal(id, { error: `must be "${id}"` }),
    audiences: z
      .array(
        z.enum(AUDIENCES, {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not an audience (${AUDIENCES.join(', ')})`,
        }),
        { error: 'must list at least one audience' },
      )
      .min(1, { error: 'must list at least one audience' }),
    related: z.array(
      topicId.refine((related) => related !== id, { error: 'is the topic itself' }),
      { error: 'must be a list of topic ids' },
    ),
    needsCounsellor: z.boolean({ error: 'must be true or false' }),
    checked: date,
    sources: z
      .array(Source, { error: 'must list at least one source' })
      .min(1, { error: 'must list at least one source' }),
  });
}
/** Language-independent facts about a topic (`locales/topics/<id>.json`). */
export type TopicMeta = z.infer<ReturnType<typeof topicMeta>>;

const GROUPS = { error: `needs 1–${MAX_BUTTONS} groups` };
/** A group of topics in an audience's menu. */
const MenuGroup = z.object({ id: z.string(), topics: z.array(topicId).min(1) });
/** A group of topics in an audience's menu (`locales/menus.json`). */
export type MenuGroup = z.infer<typeof MenuGroup>;

/** `locales/menus.json`: each audience's menu, 1 to {@link MAX_BUTTONS} groups. */
const Menus = z.object(
  Object.fromEntries(
    AUDIENCES.map((audience) => [
      audience,
      z.array(MenuGroup, GROUPS).min(1, GROUPS).max(MAX_BUTTONS, GROUPS),
    ]),
  ) as Record<Audience, z.ZodArray<typeof MenuGroup>>,
);

/** All topics with their metadata, and the menus per audience. */
export interface Catalogue {
  topics: ReadonlyMap<TopicId, TopicMeta>;
  menus: Readonly<Record<Audience, MenuGroup[]>>;
}

/** Loads and validates `locales/topics/*.json` and `locales/menus.json`. */
export function loadCatalogue(localesDir: string): Catalogue {
  const topics = new Map<TopicId, TopicMeta>();
  for (const id of TOPIC_IDS) {
    const file = path.join(localesDir, 'topics', `${id}.json`);
    topics.set(id, parseData(topicMeta(id), readJson(file), `Content: ${file}:`));
  }
  const menusFile = path.join(localesDir, 'menus.json');
  const menus = parseData(Menus, readJson(menusFile), `Content: ${menusFile}:`);
  return { topics, menus };
}
