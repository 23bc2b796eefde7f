import {
  KNOWLEDGE_DIR,
  type KnowledgeBase,
  loadKnowledgeBase,
} from '../../src/knowledge/knowledge-base';
import { defaultRoutine } from '../support/domain-fixtures';

let shipped: KnowledgeBase | undefined;

/** The shipped corpus with the shipped routine configuration, built once per test file. */
export function shippedKnowledgeBase(): KnowledgeBase {
  shipped ??= loadKnowledgeBase(KNOWLEDGE_DIR, defaultRoutine());
  return shipped;
}
