import { createLogger } from '../../src/logging/logger';
import { nationalId } from '../support/domain-fixtures';

describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, logger: createLogger('debug', { write: (line: string) => lines.push(line) }) };
  };
  const fnr = nationalId('150385');
  const dnr = nationalId('150385', { dNumber: true, individual: 200 });

  it('masks a national id in the message, in nested fields and in an error', () => {
    const { lines, logger } = capture();
    logger.info(
      { input: { note: `ring ${fnr.slice(0, 6)}-${fnr.slice(6)}` }, list: [dnr] },
      `got ${fnr}`,
    );
    logger.error({ err: new Error(`bad ref ${dnr}`) }, 'failed');
    const output = lines.join('\n');
    for (const id of [fnr, dnr, fnr.slice(6), dnr.slice(6)]) expect(output).not.toContain(id);
    expect(output).toContain('[fnr fjernet]');
    const error = JSON.parse(lines[1]);
    expect(error.err.message).toBe('bad ref [fnr fjernet]');
    expect(error.err.type).toBe('Error');
  });

  it('keeps ordinary numbers and text as they are', () => {
    const { lines, logger } = capture();
    logger.info({ phone: '22 33 44 55', count: 12345678901 }, 'case K7M2Q claimed');
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      phone: '22 33 44 55',
      count: 12345678901,
      msg: 'case K7M2Q claimed',
    });
  });
});
