import path from 'node:path';
import { z } from 'zod';
import { readJson } from './files';
import { date, httpsUrl, parseData } from './schemas';
import { SUPPORTED_LANGUAGES } from '../language/languages';
import { AUDIENCES, QUESTION_SLUG, TOPIC_IDS, type Audience, type TopicId } from './topics';

/** What a topic may need the organisation's data to declare (`requires` in its metadata). */
export const REQUIREMENTS = ['hotline'] as const;
/** One of {@link REQUIREMENTS}. */
export type Requirement = (typeof REQUIREMENTS)[number];

/** Kinds of statements whose conditions must travel with them (`locales/claims.json`). */
export const CLAIM_KINDS = ['residence', 'benefits'] as const;

/** Longest menu shown at once: Web Chat shows at most this many buttons well on a phone. */
export const MAX_BUTTONS = 6;

const topicId = z.enum(TOPIC_IDS, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a topic id`,
});

/** Where a topic's facts come from. */
const Source = z.object({ title: z.string(), url: httpsUrl });
/** Where a topic's facts come from. */
export type Source = z.infer<typeof Source>;

/** A specific question inside a topic: its id, and where its answer's facts come from. */
const Question = z.object({
  id: z.string().regex(QUESTION_SLUG, { error: 'must be lower-case words joined by "-"' }),
  checked: date,
  sources: z
    .array(Source, { error: 'must list at least one source' })
    .min(1, { error: 'must list at least one source' }),
});
/** A specific question inside a topic (`questions` in its metadata). */
export type QuestionMeta = z.infer<typeof Question>;

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
    /** What the organisation must run for the topic to be offered (the company hotline…). */
    requires: z
      .array(z.enum(REQUIREMENTS, { error: `must be one of ${REQUIREMENTS.join(', ')}` }))
      .default([]),
    /** Statements about residence or benefits: each text names for whom and a next step (claims.json). */
    claims: z
      .array(z.enum(CLAIM_KINDS, { error: `must be one of ${CLAIM_KINDS.join(', ')}` }))
      .default([]),
    checked: date,
    sources: z
      .array(Source, { error: 'must list at least one source' })
      .min(1, { error: 'must list at least one source' }),
    /** The specific questions people ask inside the topic, each with its own answer. */
    questions: z
      .array(Question, { error: 'must be a list of questions' })
      .refine((questions) => new Set(questions.map((q) => q.id)).size === questions.length, {
        error: 'has a question id twice',
      })
      .default([]),
    /** Who reviewed the topic's texts in a language, and when (`npm run content:review`). */
    reviewed: z
      .partialRecord(z.enum(SUPPORTED_LANGUAGES), z.object({ by: z.string().min(1), on: date }))
      .default({}),
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
  /** Topics whose requirements the organisation does not meet: in no menu, related list or offer. */
  unavailable?: ReadonlySet<TopicId>;
}

/**
 * The catalogue as this organisation can offer it: topics it cannot (a
 * hotline it does not run) leave the menus and the related lists; asked for
 * in free text, they are answered with how to reach the organisation.
 */
export function offeredCatalogue(
  catalogue: Catalogue,
  declared: ReadonlySet<Requirement>,
): Catalogue {
  const unavailable = new Set(
    [...catalogue.topics]
      .filter(([, meta]) => meta.requires.some((requirement) => !declared.has(requirement)))
      .map(([id]) => id),
  );
  if (unavailable.size === 0) return catalogue;
  const topics = new Map(
    [...catalogue.topics].map(([id, meta]) => [
      id,
      { ...meta, related: meta.related.filter((related) => !unavailable.has(related)) },
    ]),
  );
  const menus = Object.fromEntries(
    Object.entries(catalogue.menus).map(([audience, groups]) => [
      audience,
      groups
        .map((group) => ({ ...group, topics: group.topics.filter((id) => !unavailable.has(id)) }))
        .filter((group) => group.topics.length > 0),
    ]),
  ) as Record<Audience, MenuGroup[]>;
  return { topics, menus, unavailable };
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
