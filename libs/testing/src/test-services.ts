/**
 * URLs of the shared Postgres server and RabbitMQ broker, exported by the integration project's
 * global setup (from the caller's TEST_* variables or from containers it started).
 */
export function testDatabaseAdminUrl(): string {
  return required('TEST_DATABASE_URL');
}

export function testAmqpUrl(): string {
  return required('TEST_AMQP_URL');
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run integration specs through jest (its globalSetup provides it) or set it yourself`,
    );
  }
  return value;
}
