import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/config/settings';
import { startTestApp } from '../support/test-app';

/** PATHWAYS_FILE is read when the app is built: a bad file stops start-up, naming the field. */
describe('PATHWAYS_FILE at start', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsyre-pathways-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const shipped = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../config/pathways.json'), 'utf8'),
  );

  it('starts with the shipped file by default, and with another valid one', async () => {
    const app = await startTestApp({ env: { LOG_LEVEL: 'silent' } });
    await app.stop();
    const other = write('ok.json', { ...shipped, version: 'test-1' });
    const second = await startTestApp({ env: { LOG_LEVEL: 'silent', PATHWAYS_FILE: other } });
    await second.stop();
  });

  it.each([
    ['not JSON', '{"version": ', /Cannot read pathway file/],
    [
      'a window that closes before it opens',
      {
        ...shipped,
        policy: {
          ...shipped.policy,
          windows: [
            { point: 2, opensAfterMonths: 4, closesAfterMonths: 3, noticeDaysBeforeOpening: 21 },
            shipped.policy.windows[1],
          ],
        },
      },
      /policy\.windows\.0\.closesAfterMonths: the window must close after it opens/,
    ],
    [
      'a message key no locale has',
      {
        ...shipped,
        policy: {
          ...shipped.policy,
          escalation: shipped.policy.escalation.map((l: { messageKey: string }, i: number) =>
            i === 0 ? { ...l, messageKey: 'pathways.escalation.nope' } : l,
          ),
        },
      },
      /policy\.escalation\.0\.messageKey: "pathways\.escalation\.nope" is not in the locale files/,
    ],
  ])('refuses %s', async (_what, content, message) => {
    const file = write(`bad-${Math.random()}.json`, content);
    const started = startTestApp({ env: { LOG_LEVEL: 'silent', PATHWAYS_FILE: file } });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(message);
  });
});
