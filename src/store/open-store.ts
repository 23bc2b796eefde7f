import type { Settings } from '../config/settings';
import { openCosmosStore } from './cosmos/cosmos-store';
import type { Store } from './port';
import { openSqliteStore } from './sqlite/sqlite-store';

/** The only place that knows which store runs: SQLite on one machine, Cosmos DB in Azure. */
export async function openStore(settings: Settings): Promise<Store> {
  if (settings.STORE === 'cosmos') {
    return openCosmosStore({
      endpoint: settings.COSMOS_ENDPOINT as string,
      key: settings.COSMOS_KEY,
      databaseId: settings.COSMOS_DATABASE,
    });
  }
  return openSqliteStore(settings.SQLITE_FILE);
}
