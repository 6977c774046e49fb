import { MongoClient, ObjectId } from 'mongodb';

/** The database serve.mjs gives the API: MONGODB_URI (database e2e_web) or its own FerretDB. */
const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27029/';
const DATABASE = 'e2e_web';

/**
 * Dates messages sent through the API some days back, so that a thread spans several days: the
 * API stamps every message with the present and has no other way to write history.
 */
export async function backdateMessages(changes: { id: string; createdAt: Date }[]): Promise<void> {
  const client = new MongoClient(uri, { directConnection: true });
  try {
    await client.connect();
    const messages = client.db(DATABASE).collection('messages');
    for (const { id, createdAt } of changes) {
      const result = await messages.updateOne({ _id: new ObjectId(id) }, { $set: { createdAt } });
      if (result.matchedCount !== 1) throw new Error(`message ${id} is not in ${DATABASE}.messages`);
    }
  } finally {
    await client.close();
  }
}
