type State = 'code' | "'" | '"' | '`' | 'line-comment' | 'block-comment';

/**
 * Splits a SQL script (a mysqldump or built-in dump) into statements as it streams in, the way
 * the mysql client does: `;` (or the current DELIMITER) ends a statement outside quotes and
 * comments; line comments are dropped; block comments are kept (`/*!40101 … *\/` is executable).
 * Only one statement is held at a time, so memory stays flat whatever the dump's size.
 */
export async function* sqlStatements(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let state: State = 'code';
  let delimiter = ';';
  let statement = '';
  let buffer = '';
  let atLineStart = true;

  const flush = function* () {
    const text = statement.trim();
    statement = '';
    if (text) yield text;
  };

  for await (const chunk of withEnd(chunks)) {
    const final = chunk === null;
    if (!final) buffer += chunk;
    let i = 0;
    // Lookahead needs up to a delimiter's length (or a whole DELIMITER line): wait for more unless final.
    const needMore = (length: number) => !final && i + length > buffer.length;
    while (i < buffer.length) {
      const c = buffer[i];
      if (state === 'code') {
        if (atLineStart && /[Dd]/.test(c)) {
          const end = buffer.indexOf('\n', i);
          if (end === -1 && !final) break;
          const line = buffer.slice(i, end === -1 ? buffer.length : end);
          const match = /^DELIMITER\s+(\S+)\s*$/i.exec(line);
          if (match) {
            yield* flush();
            delimiter = match[1];
            i = end === -1 ? buffer.length : end + 1;
            continue;
          }
        }
        if (needMore(Math.max(delimiter.length, 3))) break;
        atLineStart = false;
        if (buffer.startsWith(delimiter, i)) {
          yield* flush();
          i += delimiter.length;
          continue;
        }
        if (c === '#' || (buffer.startsWith('--', i) && /[\s]/.test(buffer[i + 2] ?? '\n'))) state = 'line-comment';
        else if (buffer.startsWith('/*', i)) {
          state = 'block-comment';
          statement += '/*';
          i += 2;
          continue;
        } else {
          if (c === "'" || c === '"' || c === '`') state = c;
          statement += c;
          if (c === '\n') atLineStart = true;
        }
        i += 1;
      } else if (state === 'line-comment') {
        if (c === '\n') {
          state = 'code';
          atLineStart = true;
          statement += '\n';
        }
        i += 1;
      } else if (state === 'block-comment') {
        if (needMore(2)) break;
        if (buffer.startsWith('*/', i)) {
          state = 'code';
          statement += '*/';
          i += 2;
        } else {
          statement += c;
          i += 1;
        }
      } else {
        // Inside a quoted string or name: a backslash escapes the next character (not in names).
        if (c === '\\' && state !== '`') {
          if (needMore(2)) break;
          statement += buffer.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === state) state = 'code';
        statement += c;
        i += 1;
      }
    }
    buffer = buffer.slice(i);
    if (final) {
      if (state !== 'code' && state !== 'line-comment')
        throw new Error(`SQL script ends inside ${state === 'block-comment' ? 'a comment' : `a ${state}-quoted value`}`);
      yield* flush();
    }
  }
}

async function* withEnd(chunks: AsyncIterable<string>): AsyncGenerator<string | null> {
  yield* chunks;
  yield null;
}
