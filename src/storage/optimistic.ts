import type { Storage, StoreItem, StoreItems } from 'botbuilder';

/**
 * Optimistic concurrency for botbuilder's `BotState`: `BotState.saveChanges`
 * always writes with eTag `*` (last writer wins), so two turns of one
 * conversation on two instances would silently lose one update. This storage
 * remembers the eTag each state object was read with and writes it back as
 * the expected eTag, so the second writer gets an `ETagConflictError` and the
 * bot redoes its turn on the fresh state (`KausaBot.run`).
 */
export class OptimisticStorage implements Storage {
  /** The eTag each object handed out by `read` was stored with. */
  private readonly readETags = new WeakMap<object, string>();

  constructor(private readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    for (const item of Object.values(items) as StoreItem[]) {
      if (item && typeof item.eTag === 'string') this.readETags.set(item, item.eTag);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const conditional: StoreItems = {};
    for (const [key, item] of Object.entries(changes) as Array<[string, StoreItem]>) {
      const eTag = item?.eTag === '*' ? this.readETags.get(item) : undefined;
      conditional[key] = eTag ? { ...item, eTag } : item;
    }
    await this.inner.write(conditional);
    // Written: a later write of the same object in this turn is not checked again.
    for (const item of Object.values(changes) as StoreItem[]) if (item) this.readETags.delete(item);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
