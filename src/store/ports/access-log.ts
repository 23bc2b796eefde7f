/**
 * One line of the access log (Normen faktaark 15, pasientjournalloven § 22): who saw or changed
 * which case, when. Never patient data: the case is named by its id and code only.
 */
export interface AccessLogEntry {
  /** Unique per entry (a UUID); entries are never updated. */
  id: string;
  at: string;
  /** Entra object id of the person, or the record system's actor id. */
  actorId: string;
  caseId: string;
  caseCode: string;
  /** 'view' for a showing of the personal card, else the command or intake that changed it. */
  action: string;
  /** Where it happened: a Teams personal chat, a channel, the REST intake, the bot itself. */
  via: 'personal' | 'channel' | 'rest' | 'system';
}

/**
 * Append-only: there is no update or single delete, only the retention purge. A stored entry
 * that does not parse is left out of reads.
 */
export interface AccessLogRepository {
  append(entry: AccessLogEntry): Promise<void>;
  /** One case's entries, oldest first. */
  byCase(caseId: string): Promise<AccessLogEntry[]>;
  /** Entries with from <= at < to, oldest first (ties by id), for the export. */
  between(from: string, to: string): Promise<AccessLogEntry[]>;
  /** Removes entries older than the retention period; returns how many. */
  purgeBefore(at: string): Promise<number>;
}
