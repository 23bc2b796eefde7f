import type * as https from 'node:https';
import {
  type CompositePath,
  type Container,
  type ContainerDefinition,
  CosmosClient,
  type CosmosClientOptions,
  type Database,
} from '@azure/cosmos';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Store } from '../port';
import { createCaseCodec } from '../routine-snapshots';
import { createSetAside, type StoreOpenOptions } from '../set-aside';
import { accessLogRepository } from './access-log-container';
import { casesRepository } from './cases-container';
import { competenceRepository } from './competence-containers';
import { CONTAINERS, type ContainerName, type ContainerSpec } from './containers';
import { idempotencyRepository } from './idempotency-container';
import { markersRepository } from './markers-container';
import { pathwaysRepository } from './pathways-container';
import { reportFactsRepository } from './report-facts-container';
import { routineBackend } from './routines-container';
import { staffRepository } from './staff-container';
import { zonesRepository } from './zones-container';

export interface CosmosStoreOptions extends StoreOpenOptions {
  endpoint: string;
  /** Account key; without one the client signs in with Entra ID (managed identity in Azure). */
  key?: string;
  databaseId: string;
  /** Tests only: the local server's certificate cannot be verified. */
  agent?: https.Agent;
  credential?: TokenCredential;
}

type Containers = Record<ContainerName, Container>;

/**
 * Opens the Cosmos DB store, creating the database and containers when they are missing.
 * With managed identity the data-plane role cannot create them, so infrastructure must
 * provision them from CONTAINERS; then create-if-not-exists only reads them, and the check
 * below turns a container provisioned differently into a startup error rather than a failing
 * query later.
 *
 * One module per area (`<area>-container.ts`) implements its repository on its container;
 * this function only connects and composes them.
 */
export async function openCosmosStore(options: CosmosStoreOptions): Promise<Store> {
  const client = new CosmosClient(clientOptions(options));
  try {
    const { database } = await client.databases.createIfNotExists({ id: options.databaseId });
    const containers = await openContainers(database);
    const setAside = createSetAside(options.onBadDocument);
    const codec = createCaseCodec(routineBackend(containers.routines), setAside);
    const accessLog = accessLogRepository(containers.accessLog, setAside);
    return {
      cases: casesRepository(containers, codec, accessLog),
      routines: codec.routines,
      roster: staffRepository(containers.staff, setAside),
      zones: zonesRepository(containers.zones, setAside),
      markers: markersRepository(containers.markers),
      accessLog,
      idempotency: idempotencyRepository(containers.idempotency),
      pathways: pathwaysRepository(containers, setAside, accessLog),
      reportFacts: reportFactsRepository(containers),
      competence: competenceRepository(containers, setAside),
      async ping() {
        await database.read();
      },
      health: () => setAside.health(),
      async close() {
        client.dispose();
      },
    };
  } catch (err) {
    client.dispose();
    throw err;
  }
}

function clientOptions(options: CosmosStoreOptions): CosmosClientOptions {
  const auth: Pick<CosmosClientOptions, 'key' | 'aadCredentials'> = options.key
    ? { key: options.key }
    : { aadCredentials: options.credential ?? new DefaultAzureCredential() };
  if (!options.agent) return { endpoint: options.endpoint, ...auth };
  // The local test server has no regional endpoints to discover.
  return {
    endpoint: options.endpoint,
    ...auth,
    agent: options.agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  };
}

async function openContainers(database: Database): Promise<Containers> {
  const names = Object.keys(CONTAINERS) as ContainerName[];
  // allSettled, not all: the caller disposes the client on failure, which must not happen
  // under requests still in flight (their timers would outlive the client).
  const settled = await Promise.allSettled(
    names.map(async (name) => {
      const spec = CONTAINERS[name];
      const { container, resource } = await database.containers.createIfNotExists(spec);
      assertProvisionedAs(spec, resource);
      return [name, container] as const;
    }),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.fromEntries(
    settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
  ) as Containers;
}

const describeIndex = (index: CompositePath[]): string =>
  index.map((p) => `${p.path} ${p.order}`).join(', ');

function assertProvisionedAs(spec: ContainerSpec, actual: ContainerDefinition | undefined): void {
  const keyPaths = (actual?.partitionKey?.paths ?? []).join(', ');
  if (keyPaths !== spec.partitionKey.paths.join(', ')) {
    throw new Error(`Cosmos container '${spec.id}' has partition key [${keyPaths}]`);
  }
  const present = new Set((actual?.indexingPolicy?.compositeIndexes ?? []).map(describeIndex));
  const missing = spec.indexingPolicy.compositeIndexes
    .map(describeIndex)
    .find((i) => !present.has(i));
  if (missing) {
    // Cosmos DB would refuse the ORDER BY that needs it on every call instead.
    throw new Error(`Cosmos container '${spec.id}' lacks the composite index (${missing})`);
  }
}
