import 'dotenv/config';
import path from 'node:path';
import { loadRoutine } from '../config/routine-file';
import { loadSettings } from '../config/settings';
import {
  buildKnowledgeBase,
  describeProblem,
  KNOWLEDGE_DIR,
  readKnowledgeFiles,
} from '../knowledge/knowledge-base';
import { routineKnowledge } from '../knowledge/routine-knowledge';
import { projectRoot } from '../project-root';

const USAGE = `usage: npm run knowledge -- check
  Reads knowledge/*.md, the municipality's own procedures in knowledge/local/*.md and
  knowledge/thesaurus.json as the bot does at start, and reports what each file contributes and
  any error with its file and line. Exits with 1 when a file has an error.`;

/** Exit status when a file has an error: the bot would leave it out (or refuse to start). */
const HAS_ERRORS = 1;

function check(): number {
  const { documents, thesaurus, reports } = readKnowledgeFiles(KNOWLEDGE_DIR);
  for (const report of reports) {
    console.log(
      report.ok
        ? `ok     ${report.file}: ${report.contributes}`
        : `error  ${describeProblem(report)}`,
    );
  }
  const failed = reports.filter((r) => !r.ok);
  if (thesaurus) {
    const settings = loadSettings(process.env);
    const routine = loadRoutine(path.resolve(projectRoot, settings.ROUTINE_FILE));
    const kb = buildKnowledgeBase([...documents, routineKnowledge(routine)], thesaurus);
    console.log(
      `\nindex: ${kb.documents.length} documents (the routine configuration included), ${kb.sections.size} sections, ${kb.passages.size} passages`,
    );
  }
  if (failed.length > 0) {
    const local = failed.filter((r) => r.kind === 'local').length;
    console.log(
      `\n${failed.length} file(s) with errors; ${local} local procedure(s) would be left out, any other error stops the bot at start.`,
    );
    return HAS_ERRORS;
  }
  return 0;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'check' && rest.length === 0) {
  process.exitCode = check();
} else {
  console.error(USAGE);
  process.exitCode = 2;
}
