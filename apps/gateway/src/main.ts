import './tracing';
import 'reflect-metadata';
import { runService } from '@envrefresh/platform';
import { configureGateway } from './configure-gateway';
import { GatewayAppModule } from './gateway-app.module';
import { readGatewayConfig } from './gateway.config';
import { gatewayServerOptions } from './http/server-options';

void runService('gateway', readGatewayConfig, (config) => ({
  module: GatewayAppModule.register(config),
  rpc: false,
  configure: (app) => configureGateway(app, config),
  server: gatewayServerOptions(config),
}));
