import type { Container } from '@azure/cosmos';
import type { z } from 'zod/v4';
import { type NetworkEvent, networkEventSchema } from '../../domain/competence/event';
import { type CompetenceRecord, competenceRecordSchema } from '../../domain/competence/record';
import { type ChannelLink, channelLinkSchema } from '../../domain/zone';
import {
  type CompetenceCreateResult,
  type CompetenceRepository,
  type CompetenceSaveResult,
  DEFAULT_EVENT_LIMIT,
} from '../ports/competence';
import type { DocumentCollection, SetAside } from '../set-aside';
import {
  type Doc,
  docId,
  hasStatus,
  queryDocs,
  readDoc,
  succeeds,
  topCount,
  withoutSystemFields,
} from './documents';

/**
 * The network channel's link lives in the events container under an id no event has (event ids
 * are UUIDs); it has no date, so the events query never meets it.
 */
const NETWORK_CHANNEL_ID = '~networkChannel';

/** Create, read and conditional save of versioned documents in one container, by id. */
function versioned<T extends { id: string; version: number }>(
  container: Container,
  collection: DocumentCollection,
  schema: z.ZodType<T>,
  setAside: SetAside,
) {
  const parse = (doc: Doc | undefined): T | undefined =>
    doc === undefined
      ? undefined
      : setAside.parse(collection, docId(doc), schema, withoutSystemFields(doc));
  return {
    parse,
    async create(value: T): Promise<CompetenceCreateResult<T>> {
      const valid = schema.parse({ ...value, version: 1 });
      return (await succeeds(() => container.items.create(valid), 409))
        ? { ok: true, value: valid }
        : { ok: false, reason: 'duplicate' };
    },
    async get(id: string): Promise<T | undefined> {
      return parse(await readDoc(container, id));
    },
    /** Conditional on the stored version through the ETag of the item read at `value.version`. */
    async save(value: T): Promise<CompetenceSaveResult<T>> {
      const conflict: CompetenceSaveResult<T> = { ok: false, reason: 'conflict' };
      const next = schema.parse({ ...value, version: value.version + 1 });
      const stored = await readDoc(container, value.id);
      if (stored?.version !== value.version || typeof stored._etag !== 'string') return conflict;
      try {
        await container.item(value.id, value.id).replace<Doc>(next as unknown as Doc, {
          accessCondition: { type: 'IfMatch', condition: stored._etag },
        });
        return { ok: true, value: next };
      } catch (err) {
        if (hasStatus(err, 412) || hasStatus(err, 404)) return conflict;
        throw err;
      }
    },
  };
}

/**
 * Competence records in their own container and the network's events in another, both
 * partitioned on /id: every change reads and replaces one document by id. See containers.ts
 * for the indexes the engine's queue and the events' list need.
 */
export function competenceRepository(
  { competence, networkEvents }: { competence: Container; networkEvents: Container },
  setAside: SetAside,
): CompetenceRepository {
  const records = versioned<CompetenceRecord>(
    competence,
    'competence',
    competenceRecordSchema,
    setAside,
  );
  const events = versioned<NetworkEvent>(
    networkEvents,
    'networkEvents',
    networkEventSchema,
    setAside,
  );
  return {
    createRecord: (r) => records.create(r),
    getRecord: (id) => records.get(id),
    async records(ids) {
      // Point reads: 1 RU each, and a zone has a few dozen nurses at most.
      const found = await Promise.all([...new Set(ids)].map((id) => records.get(id)));
      return found.flatMap((r) => r ?? []);
    },
    saveRecord: (r) => records.save(r),
    async recordsDueBefore(t, limit) {
      const top = topCount(limit);
      if (top === 0) return [];
      // A null nextDueAt compared with a string is undefined in Cosmos SQL, so `<=` drops it.
      const docs = await queryDocs(
        competence,
        'SELECT TOP @top * FROM c WHERE c.nextDueAt <= @t ORDER BY c.nextDueAt ASC, c.id ASC',
        [
          { name: '@top', value: top },
          { name: '@t', value: t },
        ],
      );
      return docs.flatMap((d) => records.parse(d) ?? []);
    },
    createEvent: (e) => events.create(e),
    async getEvent(id) {
      return id === NETWORK_CHANNEL_ID ? undefined : events.get(id);
    },
    saveEvent: (e) => events.save(e),
    async events(fromDate, limit = DEFAULT_EVENT_LIMIT) {
      const top = topCount(limit);
      if (top === 0) return [];
      const docs = await queryDocs(
        networkEvents,
        'SELECT TOP @top * FROM c WHERE c.date >= @from ORDER BY c.date ASC, c.id ASC',
        [
          { name: '@top', value: top },
          { name: '@from', value: fromDate },
        ],
      );
      return docs.flatMap((d) => events.parse(d) ?? []);
    },
    async networkChannel(): Promise<ChannelLink | undefined> {
      const doc = await readDoc(networkEvents, NETWORK_CHANNEL_ID);
      if (doc === undefined) return undefined;
      return setAside.parse('networkEvents', NETWORK_CHANNEL_ID, channelLinkSchema, doc.channel);
    },
    async setNetworkChannel(link) {
      await networkEvents.items.upsert({
        id: NETWORK_CHANNEL_ID,
        channel: channelLinkSchema.parse(link),
      });
    },
  };
}
