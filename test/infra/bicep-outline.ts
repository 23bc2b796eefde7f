/**
 * A small reader of Bicep, enough to check infra/*.bicep offline (no bicep CLI here): a lexer
 * that knows strings, interpolation and comments, and a parser of the top-level declarations
 * and their object/array values. Expressions are kept as token runs with their source text.
 * Problems (unbalanced brackets, unterminated strings, unexpected tokens) are collected, not
 * thrown, so a test can list them all.
 */

export interface Token {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  text: string;
  line: number;
  start: number;
  end: number;
  /** A string without interpolation: its value, escapes resolved. */
  value?: string;
  /** The tokens of a string's `${...}` interpolations. */
  inner?: Token[];
}

export type Value =
  | { kind: 'object'; props: Map<string, Value>; keyTokens: Token[] }
  | { kind: 'array'; items: Value[]; loop?: { variables: string[]; source: Value } }
  | { kind: 'expr'; tokens: Token[]; text: string }
  | { kind: 'if'; condition: Value; body: Value };

export interface Decorator {
  name: string;
  args: Value[];
}

export interface Decl {
  keyword: string;
  name: string;
  line: number;
  decorators: Decorator[];
  /** param/output: the type text; resource/module: the type or path string. */
  type: string;
  /** resource: the `existing` keyword. */
  existing: boolean;
  value?: Value;
}

export interface Outline {
  source: string;
  decls: Decl[];
  problems: string[];
}

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const OPERATORS = ['=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '.?', '::', '=~', '!~'];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', "'": "'", '\\': '\\', $: '$' };

export function lex(src: string): { tokens: Token[]; problems: string[] } {
  const problems: string[] = [];
  let pos = 0;
  let line = 1;
  const at = (s: string) => src.startsWith(s, pos);
  const skipTo = (index: number) => {
    for (; pos < index; pos++) if (src[pos] === '\n') line++;
  };

  function readString(): Token {
    const start = pos;
    const startLine = line;
    if (at("'''")) {
      const end = src.indexOf("'''", pos + 3);
      if (end < 0) problems.push(`line ${startLine}: ''' string is never closed`);
      const stop = end < 0 ? src.length : end + 3;
      const value = src.slice(pos + 3, end < 0 ? src.length : end);
      skipTo(stop);
      return {
        kind: 'string',
        text: src.slice(start, stop),
        line: startLine,
        start,
        end: pos,
        value,
      };
    }
    pos++;
    let value = '';
    const inner: Token[] = [];
    let interpolated = false;
    while (pos < src.length && src[pos] !== '\n') {
      if (src[pos] === "'") {
        pos++;
        const text = src.slice(start, pos);
        const token: Token = { kind: 'string', text, line: startLine, start, end: pos, inner };
        return interpolated ? token : { ...token, value };
      }
      if (src[pos] === '\\') {
        const escaped = ESCAPES[src[pos + 1]];
        if (escaped === undefined) problems.push(`line ${line}: unknown escape \\${src[pos + 1]}`);
        value += escaped ?? '';
        pos += 2;
      } else if (at('${')) {
        pos += 2;
        interpolated = true;
        inner.push(...lexTokens(true));
      } else {
        value += src[pos++];
      }
    }
    problems.push(`line ${startLine}: string is never closed`);
    return { kind: 'string', text: src.slice(start, pos), line: startLine, start, end: pos, inner };
  }

  /** Tokens up to the end, or (interpolation) up to and including an unmatched `}`. */
  function lexTokens(interpolation: boolean): Token[] {
    const tokens: Token[] = [];
    const open: Token[] = [];
    const push = (kind: Token['kind'], length: number) => {
      tokens.push({
        kind,
        text: src.slice(pos, pos + length),
        line,
        start: pos,
        end: pos + length,
      });
      pos += length;
      return tokens[tokens.length - 1];
    };
    while (pos < src.length) {
      const c = src[pos];
      if (at('//')) {
        const end = src.indexOf('\n', pos);
        pos = end < 0 ? src.length : end;
      } else if (at('/*')) {
        const end = src.indexOf('*/', pos + 2);
        if (end < 0) problems.push(`line ${line}: comment is never closed`);
        skipTo(end < 0 ? src.length : end + 2);
      } else if (c === '\n') {
        push('newline', 1);
        line++;
      } else if (/\s/.test(c)) {
        pos++;
      } else if (c === "'") {
        tokens.push(readString());
      } else if (interpolation && c === '}' && open.length === 0) {
        pos++;
        return tokens;
      } else if (c in PAIRS) {
        open.push(push('punct', 1));
      } else if (c === ')' || c === ']' || c === '}') {
        const opener = open.pop();
        if (!opener || PAIRS[opener.text] !== c) {
          const what = opener ? `'${opener.text}' of line ${opener.line}` : 'nothing';
          problems.push(`line ${line}: '${c}' closes ${what}`);
        }
        push('punct', 1);
      } else {
        const word = /[A-Za-z_][A-Za-z0-9_]*/y;
        const number = /\d+/y;
        word.lastIndex = pos;
        number.lastIndex = pos;
        if (word.test(src)) push('ident', word.lastIndex - pos);
        else if (number.test(src)) push('number', number.lastIndex - pos);
        else push('punct', OPERATORS.find((op) => at(op))?.length ?? 1);
      }
    }
    for (const opener of open)
      problems.push(`line ${opener.line}: '${opener.text}' is never closed`);
    if (interpolation) problems.push(`line ${line}: interpolation \${ is never closed`);
    return tokens;
  }

  const tokens = lexTokens(false);
  return { tokens, problems };
}

/** Parses the declarations of a Bicep file; never throws. */
export function outline(source: string): Outline {
  const { tokens, problems } = lex(source);
  let i = 0;
  const peek = (offset = 0): Token | undefined => tokens[i + offset];
  const is = (text: string, offset = 0) =>
    peek(offset)?.text === text && peek(offset)?.kind !== 'string';
  const skipNewlines = () => {
    while (peek()?.kind === 'newline') i++;
  };
  const where = () => `line ${peek()?.line ?? 'end'}`;
  const expect = (text: string) => {
    if (is(text)) i++;
    else problems.push(`${where()}: expected '${text}', found '${peek()?.text ?? 'end of file'}'`);
  };
  const name = (): string => {
    const token = peek();
    if (token?.kind === 'ident') {
      i++;
      return token.text;
    }
    problems.push(`${where()}: expected a name, found '${token?.text ?? 'end of file'}'`);
    return '';
  };

  /** Parses with `parse`; skips a token when it consumed none, so a stray closer cannot loop. */
  function advancing(parse: () => Value): Value {
    const before = i;
    const parsed = parse();
    if (i === before) i++;
    return parsed;
  }

  /** An expression: tokens up to a newline, comma or unmatched closer (or `stop`) at depth 0. */
  function expression(stop?: string): Value {
    const start = i;
    let depth = 0;
    while (i < tokens.length) {
      const t = tokens[i];
      if (depth === 0 && (t.kind === 'newline' || t.text === ',' || t.text === stop)) break;
      if (t.kind === 'punct' && t.text in PAIRS) depth++;
      if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    const run = tokens.slice(start, i);
    if (run.length === 0) problems.push(`${where()}: expected a value`);
    const text = run.length ? source.slice(run[0].start, run[run.length - 1].end) : '';
    return { kind: 'expr', tokens: run, text };
  }

  function value(stop?: string): Value {
    if (is('{')) return object();
    if (is('[')) return array();
    if (is('if') && is('(', 1)) {
      i++;
      const condition = expression();
      return { kind: 'if', condition, body: value(stop) };
    }
    return expression(stop);
  }

  function object(): Value {
    expect('{');
    const props = new Map<string, Value>();
    const keyTokens: Token[] = [];
    for (;;) {
      while (peek()?.kind === 'newline' || is(',')) i++;
      if (is('}') || !peek()) break;
      const key = peek() as Token;
      if (key.kind !== 'ident' && key.kind !== 'string') {
        problems.push(`line ${key.line}: expected a property name, found '${key.text}'`);
        i++;
        continue;
      }
      i++;
      keyTokens.push(key);
      const keyText = key.kind === 'ident' ? key.text : (key.value ?? key.text);
      if (props.has(keyText)) problems.push(`line ${key.line}: property ${keyText} set twice`);
      expect(':');
      props.set(keyText, value());
    }
    expect('}');
    return { kind: 'object', props, keyTokens };
  }

  function array(): Value {
    expect('[');
    skipNewlines();
    if (is('for')) {
      i++;
      const variables: string[] = [];
      if (is('(')) {
        i++;
        variables.push(name());
        while (is(',')) {
          i++;
          variables.push(name());
        }
        expect(')');
      } else variables.push(name());
      expect('in');
      const source = expression(':');
      expect(':');
      const body = value();
      skipNewlines();
      expect(']');
      return { kind: 'array', items: [body], loop: { variables, source } };
    }
    const items: Value[] = [];
    for (;;) {
      while (peek()?.kind === 'newline' || is(',')) i++;
      if (is(']') || !peek()) break;
      items.push(advancing(value));
    }
    expect(']');
    return { kind: 'array', items };
  }

  function decorator(): Decorator {
    expect('@');
    let decoratorName = name();
    while (is('.')) {
      i++;
      decoratorName += `.${name()}`;
    }
    const args: Value[] = [];
    expect('(');
    for (;;) {
      while (peek()?.kind === 'newline' || is(',')) i++;
      if (is(')') || !peek()) break;
      args.push(advancing(value));
    }
    expect(')');
    return { name: decoratorName, args };
  }

  /** The rest of a line at depth 0, as text (param and output types). */
  function typeText(): string {
    const run = expression('=') as Extract<Value, { kind: 'expr' }>;
    return run.text;
  }

  const decls: Decl[] = [];
  let decorators: Decorator[] = [];
  for (;;) {
    skipNewlines();
    const token = peek();
    if (!token) break;
    if (is('@')) {
      decorators.push(decorator());
      continue;
    }
    i++;
    const decl: Decl = {
      keyword: token.text,
      name: '',
      line: token.line,
      decorators,
      type: '',
      existing: false,
    };
    decorators = [];
    if (token.text === 'targetScope') {
      decl.name = 'targetScope';
    } else if (token.text === 'param' || token.text === 'output') {
      decl.name = name();
      decl.type = typeText();
    } else if (token.text === 'resource' || token.text === 'module') {
      decl.name = name();
      const typeToken = peek();
      if (typeToken?.kind === 'string') {
        i++;
        decl.type = typeToken.value ?? typeToken.text;
      } else problems.push(`line ${token.line}: ${token.text} ${decl.name} has no type string`);
      if (is('existing')) {
        i++;
        decl.existing = true;
      }
    } else if (['var', 'metadata', 'type', 'func'].includes(token.text)) {
      decl.name = name();
      if (token.text === 'func') decl.type = (expression('=') as { text: string }).text;
    } else {
      problems.push(`line ${token.line}: unexpected '${token.text}' at the top level`);
      expression();
      continue;
    }
    if (is('=')) {
      i++;
      decl.value = value();
    } else if (token.text !== 'param' && !decl.existing) {
      problems.push(`line ${token.line}: ${token.text} ${decl.name} has no value`);
    }
    if (peek() && peek()?.kind !== 'newline') {
      problems.push(`${where()}: unexpected '${peek()?.text}' after ${token.text} ${decl.name}`);
      expression();
    }
    decls.push(decl);
  }
  return { source, decls, problems };
}

// --- Navigating values ---------------------------------------------------------------------

/** The body of a resource: its object, through a loop or a condition. */
export function body(v: Value | undefined): Value | undefined {
  if (v?.kind === 'array' && v.loop) return body(v.items[0]);
  if (v?.kind === 'if') return body(v.body);
  return v;
}

/** The value at a dotted path of object properties, e.g. 'properties.siteConfig'. */
export function get(v: Value | undefined, path: string): Value | undefined {
  let current = body(v);
  for (const key of path.split('.')) {
    current = current?.kind === 'object' ? body(current.props.get(key)) : undefined;
  }
  return current;
}

/** A literal's value: a string without interpolation, a number, true, false or null. */
export function literal(v: Value | undefined): string | number | boolean | null | undefined {
  if (v?.kind !== 'expr' || v.tokens.length !== 1) return undefined;
  const [t] = v.tokens;
  if (t.kind === 'string') return t.value;
  if (t.kind === 'number') return Number(t.text);
  if (t.kind === 'ident' && ['true', 'false', 'null'].includes(t.text)) return JSON.parse(t.text);
  return undefined;
}

/** The source text of an expression (undefined for objects and arrays). */
export function text(v: Value | undefined): string | undefined {
  return v?.kind === 'expr' ? v.text : undefined;
}

/** Every expression token in a value, including those inside string interpolations. */
export function expressionTokens(v: Value | undefined): Token[][] {
  if (!v) return [];
  switch (v.kind) {
    case 'expr':
      return [v.tokens, ...v.tokens.flatMap(interpolations)];
    case 'object':
      return [
        ...v.keyTokens.flatMap(interpolations),
        ...[...v.props.values()].flatMap(expressionTokens),
      ];
    case 'array':
      return [...expressionTokens(v.loop?.source), ...v.items.flatMap(expressionTokens)];
    case 'if':
      return [...expressionTokens(v.condition), ...expressionTokens(v.body)];
  }
}

function interpolations(t: Token): Token[][] {
  return t.inner?.length ? [t.inner, ...t.inner.flatMap(interpolations)] : [];
}

/** Loop variables and lambda parameters declared anywhere in a value. */
export function localNames(v: Value | undefined): string[] {
  if (!v) return [];
  const lambdas = expressionTokens(v).flatMap((run) =>
    run.flatMap((t, k) => {
      if (t.text !== '=>') return [];
      if (run[k - 1]?.kind === 'ident') return [run[k - 1].text];
      const names: string[] = [];
      for (let j = k - 2; j >= 0 && run[j].text !== '('; j--) {
        if (run[j].kind === 'ident') names.push(run[j].text);
      }
      return names;
    }),
  );
  const loops = (w: Value | undefined): string[] => {
    if (!w) return [];
    if (w.kind === 'array') return [...(w.loop?.variables ?? []), ...w.items.flatMap(loops)];
    if (w.kind === 'object') return [...w.props.values()].flatMap(loops);
    if (w.kind === 'if') return loops(w.body);
    return [];
  };
  return [...lambdas, ...loops(v)];
}
