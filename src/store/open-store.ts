import type { Settings } from '../config/settings';
import { createLogger, type Logger } from '../logging/logger';
import { openCosmosStore } from './cosmos/cosmos-store';
import type { Store } from './port';
import type { OnBadDocument } from './set-aside';
import { openSqliteStore } from './sqlite/sqlite-store';

/**
 * A document set aside is logged by where it is, never by what it holds: a case document is
 * patient-adjacent. Once per document (the store remembers), so the pass that meets it every
 * minute does not fill the log.
 */
export function logBadDocuments(logger: Logger): OnBadDocument {
  return ({ collection, id, reason, fields }) =>
    logger.error(
      { collection, id, reason, fields },
      'stored document set aside: it does not parse, reads leave it out',
    );
}

/** The only place that knows which store runs: SQLite on one machine, Cosmos DB in Azure. */
export async function openStore(
  settings: Settings,
  options: { logger?: Logger } = {},
): Promise<Store> {
  // stderr, not stdout, when nobody gives a logger: the admin CLI writes its export to stdout.
  const logger = options.logger ?? createLogger(settings.LOG_LEVEL, process.stderr);
  const onBadDocument = logBadDocuments(logger);
  if (settings.STORE === 'cosmos') {
    return openCosmosStore({
      endpoint: settings.COSMOS_ENDPOINT as string,
      key: settings.COSMOS_KEY,
      databaseId: settings.COSMOS_DATABASE,
      onBadDocument,
    });
  }
  return openSqliteStore(settings.SQLITE_FILE, { onBadDocument });
}
