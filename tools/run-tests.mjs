// `npm test`: jest over every project (unit and integration specs), then the web app's component
// tests (vitest, jsdom). Arguments go to jest (`npm test -- apps/cli` runs those specs alone, and
// then no vitest). With TEST_REPORT_DIR set, each runner writes its JSON results there: .ci/run
// adds them up into its one summary line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const jestArgs = process.argv.slice(2);
const reportDir = process.env.TEST_REPORT_DIR;
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

const jestStatus = run('jest', [...jestArgs, ...(reportDir ? ['--json', `--outputFile=${path.join(reportDir, 'jest.json')}`] : [])]);
const vitestStatus =
  jestArgs.length > 0
    ? 0
    : run('vitest', [
        'run',
        '-c',
        'apps/web/vite.config.mts',
        ...(reportDir ? ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reportDir, 'vitest.json')}`] : []),
      ]);
process.exit(jestStatus || vitestStatus);
