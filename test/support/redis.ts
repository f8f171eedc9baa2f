import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';

/** The real Redis the tests use: an isolated database of the local server. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/** A namespace no other test run uses, so runs can share the server. */
export function uniqueNamespace(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}

/** A plain client for looking at what Redis holds. */
export async function rawRedis(url = TEST_REDIS_URL) {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Deletes every key under `namespace`. */
export async function dropNamespace(namespace: string, url = TEST_REDIS_URL): Promise<void> {
  const client = await rawRedis(url);
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}
