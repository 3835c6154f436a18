import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { configureHttp } from './http/configure-http';
import { createBootLogger } from './observability/logging/logging.module';

const logger = new Logger('Bootstrap');

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: createBootLogger(config) });
  app.useLogger(app.get(PinoNestLogger));
  configureHttp(app, config);
  closeOnSignals(app);
  await app.listen(config.port, config.host);
  logger.log(`DirectoryBolt listening on http://${config.host}:${config.port}/api`);
}

/**
 * Our own handler rather than enableShutdownHooks(): that one re-raises the signal after
 * closing, so a clean stop would look like a kill to supervisors. A second signal forces exit.
 */
function closeOnSignals(app: INestApplication): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    logger.log(`${signal} received: closing`);
    app.close().then(
      () => {
        logger.log('closed cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

bootstrap().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: say what it is, without a stack trace.
  const known = error instanceof Error && ['ConfigError', 'DataDirInUseError'].includes(error.name);
  const message = known ? error.message : error;
  console.error(message);
  process.exit(1);
});
