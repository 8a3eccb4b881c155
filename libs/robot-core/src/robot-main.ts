import { ConfigError, loadRobotConfig } from '@helix/config';
import type { RobotVertical } from '@helix/contracts';
import { createRobotApp, type RobotDefinition } from './robot-app';
import { createRobotRuntime } from './robot-runtime';

/** A robot's `main.ts`: configuration, runtime, listen, and a clean stop on SIGTERM/SIGINT. */
export function runRobot(vertical: RobotVertical, definition: RobotDefinition): void {
  try {
    const config = loadRobotConfig(vertical);
    const runtime = createRobotRuntime(config);
    const server = createRobotApp(definition, runtime).listen(config.PORT, () => {
      runtime.logger.info(
        `${definition.service} ouvindo em http://localhost:${config.PORT} (master em ${config.MASTER_URL}; IA: ${runtime.ai.name})`,
      );
    });
    const shutdown = () => server.close(() => void runtime.close().then(() => process.exit(0)));
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    // Start-up failures are for a person at a terminal: the message, not a stack.
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    process.exit(1);
  }
}
