import { sqlStatements } from './sql-statements';

async function split(script: string, chunkSize = script.length || 1): Promise<string[]> {
  async function* chunks() {
    for (let i = 0; i < script.length; i += chunkSize) yield script.slice(i, i + chunkSize);
  }
  const out: string[] = [];
  for await (const statement of sqlStatements(chunks())) out.push(statement);
  return out;
}

const DUMP = `-- helix-backup {"format":1}
/*!40101 SET NAMES utf8mb4 */;
SET FOREIGN_KEY_CHECKS=0;
CREATE TABLE \`a;b\` (id INT, note TEXT COMMENT 'x;y'); # trailing comment; here
INSERT INTO \`a;b\` VALUES (1,'it\\'s; fine'),(2,"dq ; \\" x"),(3,'two '' quotes;');
DELIMITER ;;
CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END ;;
DELIMITER ;
/* plain; comment */ SELECT 1;
SELECT '--not a comment', 2--1
;`;

describe('splitting a SQL dump into statements', () => {
  const expected = [
    '/*!40101 SET NAMES utf8mb4 */',
    'SET FOREIGN_KEY_CHECKS=0',
    "CREATE TABLE `a;b` (id INT, note TEXT COMMENT 'x;y')",
    `INSERT INTO \`a;b\` VALUES (1,'it\\'s; fine'),(2,"dq ; \\" x"),(3,'two '' quotes;')`,
    'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END',
    '/* plain; comment */ SELECT 1',
    "SELECT '--not a comment', 2--1",
  ];

  it('honours quotes, escapes, comments and DELIMITER', async () => {
    expect(await split(DUMP)).toEqual(expected);
  });

  it.each([1, 2, 3, 7, 64])('gives the same statements when the script arrives in %i-character chunks', async (size) => {
    expect(await split(DUMP, size)).toEqual(expected);
  });

  it('refuses a script cut inside a quoted value', async () => {
    await expect(split("INSERT INTO a VALUES ('never closed);")).rejects.toThrow(/inside a '-quoted value/);
  });
});
