import { parsedTexts } from '../../src/store/parsed-texts';

describe('parsedTexts', () => {
  it('gives a kept document back only for the very text it came from', () => {
    const texts = parsedTexts<{ n: number }>(10);
    texts.keep('a', '{"n":1}', { n: 1 });
    expect(texts.get('a', '{"n":1}')).toEqual({ n: 1 });
    expect(texts.get('a', '{"n":2}')).toBeUndefined();
    expect(texts.get('b', '{"n":1}')).toBeUndefined();
    texts.keep('a', '{"n":2}', { n: 2 });
    expect(texts.get('a', '{"n":1}')).toBeUndefined();
    expect(texts.get('a', '{"n":2}')).toEqual({ n: 2 });
  });

  it('freezes what it keeps, so no reader can change it for the next', () => {
    const texts = parsedTexts<{ list: number[] }>(10);
    texts.keep('a', 't', { list: [1] });
    const kept = texts.get('a', 't');
    expect(Object.isFrozen(kept)).toBe(true);
    expect(() => kept?.list.push(2)).toThrow(TypeError);
  });

  it('lets the least recently used go first', () => {
    const texts = parsedTexts<number>(2);
    texts.keep('a', 'a', 1);
    texts.keep('b', 'b', 2);
    expect(texts.get('a', 'a')).toBe(1);
    texts.keep('c', 'c', 3);
    expect(texts.get('b', 'b')).toBeUndefined();
    expect(texts.get('a', 'a')).toBe(1);
    expect(texts.get('c', 'c')).toBe(3);
  });

  it('reads a text it has not kept through the parser once, and keeps what parses', () => {
    const texts = parsedTexts<{ n: number }>(10);
    const parse = jest.fn((text: string) => (text === 'bad' ? undefined : JSON.parse(text)));
    expect(texts.read('a', '{"n":1}', () => parse('{"n":1}'))).toEqual({ n: 1 });
    expect(texts.read('a', '{"n":1}', () => parse('{"n":1}'))).toEqual({ n: 1 });
    expect(parse).toHaveBeenCalledTimes(1);
    expect(texts.read('b', 'bad', () => parse('bad'))).toBeUndefined();
    expect(texts.read('b', 'bad', () => parse('bad'))).toBeUndefined();
    expect(parse).toHaveBeenCalledTimes(3);
  });
});
