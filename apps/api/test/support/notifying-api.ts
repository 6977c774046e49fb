import { MongoClient } from 'mongodb';
import { generateVAPIDKeys } from 'web-push';
import { startApiProcess, type ApiProcess } from './processes';
import { FakePushService } from './push-service';
import { testDatabaseName, testServerUri } from './test-database';

/** Longer than the e-mail delay (1 s) and the scheduler's rounds: what was to be sent is sent by then. */
export const QUIET_MS = 4_000;

export interface NotifyingApi {
  api: ApiProcess;
  pushService: FakePushService;
  /** Stops both and drops the test file's database. */
  stop(): Promise<void>;
}

/**
 * The built API that e-mails unread messages after 1 s through `smtpUrl` (the test's Mailpit) and
 * pushes to a stand-in push service, on the test file's own database.
 */
export async function startNotifyingApi(smtpUrl: string): Promise<NotifyingApi> {
  const pushService = await FakePushService.start();
  const api = await startApiProcess({
    MONGODB_URI: testServerUri(),
    MONGODB_DB: testDatabaseName(),
    SMTP_URL: smtpUrl,
    NOTIFY_EMAIL_DELAY_S: '1',
    ...pushService.environment(generateVAPIDKeys()),
  });
  return {
    api,
    pushService,
    async stop() {
      api.child.kill('SIGKILL');
      await pushService.stop();
      const mongo = await MongoClient.connect(testServerUri());
      await mongo.db(testDatabaseName()).dropDatabase();
      await mongo.close();
    },
  };
}
