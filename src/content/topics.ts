/** The 26 content topics of TOPICS.md: a contract with content, analytics, tests and `classify`. */
export const TOPIC_IDS = [
  'dual-training-basics',
  'choosing-occupation',
  'entry-requirements',
  'certificate-recognition',
  'german-language',
  'residence-and-permission',
  'finding-a-place',
  'application',
  'training-pay',
  'financial-support',
  'learning-support',
  'entry-qualification',
  'contract-and-rights',
  'vocational-school',
  'after-training',
  'parents-guide',
  'company-eligibility',
  'company-formalities',
  'company-hiring-refugees',
  'company-support',
  'company-training-quality',
  'office-hours',
  'events',
  'company-hotline',
  'contact',
  'network-partners',
] as const;
/** One of {@link TOPIC_IDS}. */
export type TopicId = (typeof TOPIC_IDS)[number];

/** Conversation intents of TOPICS.md (not content topics). */
export const INTENT_IDS = [
  'greeting',
  'menu',
  'change-language',
  'human',
  'delete-my-data',
  'thanks',
  'goodbye',
  'unknown',
] as const;
/** One of {@link INTENT_IDS}. */
export type IntentId = (typeof INTENT_IDS)[number];

/** Audiences of TOPICS.md. */
export const AUDIENCES = ['youth', 'parent', 'company', 'multiplier'] as const;
/** One of {@link AUDIENCES}. */
export type Audience = (typeof AUDIENCES)[number];

/** True when `id` is a content topic id. */
export function isTopicId(id: unknown): id is TopicId {
  return typeof id === 'string' && (TOPIC_IDS as readonly string[]).includes(id);
}

/** True when `id` is an audience id. */
export function isAudience(id: unknown): id is Audience {
  return typeof id === 'string' && (AUDIENCES as readonly string[]).includes(id);
}

/**
 * A specific question inside a topic ("company-eligibility/what-is-aevo"): its
 * own short answer, its own training phrases, a class of the classifier.
 */
export type QuestionId = `${TopicId}/${string}`;
/** The form of a question's own id within its topic. */
export const QUESTION_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The topic and question of a question id, or undefined for any other id. */
export function questionOf(id: unknown): { topic: TopicId; question: string } | undefined {
  if (typeof id !== 'string') return undefined;
  const slash = id.indexOf('/');
  if (slash < 0) return undefined;
  const topic = id.slice(0, slash);
  const question = id.slice(slash + 1);
  return isTopicId(topic) && QUESTION_SLUG.test(question) ? { topic, question } : undefined;
}

/** The topic a class belongs to: itself, or a question's topic; undefined for intents. */
export function topicOfClass(id: string): TopicId | undefined {
  return isTopicId(id) ? id : questionOf(id)?.topic;
}
