import { MongoClient, ObjectId, type Db } from 'mongodb';

/** The database serve.mjs gives the API: MONGODB_URI (database e2e_web) or its own FerretDB. */
const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27029/';
const DATABASE = 'e2e_web';

async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { directConnection: true });
  try {
    await client.connect();
    return await work(client.db(DATABASE));
  } finally {
    await client.close();
  }
}

/**
 * Dates messages sent through the API some days back, so that a thread spans several days: the
 * API stamps every message with the present and has no other way to write history.
 */
export async function backdateMessages(changes: { id: string; createdAt: Date }[]): Promise<void> {
  await withDatabase(async (db) => {
    const messages = db.collection('messages');
    for (const { id, createdAt } of changes) {
      const result = await messages.updateOne({ _id: new ObjectId(id) }, { $set: { createdAt } });
      if (result.matchedCount !== 1) throw new Error(`message ${id} is not in ${DATABASE}.messages`);
    }
  });
}

/**
 * Stores garages as registrations do (`cityKey`: the city in lower case), each with a garagiste
 * of its own who has no account: more garages than the API's registration limit lets a test make.
 */
export async function insertGarages(garages: { name: string; city: string; address: string }[]): Promise<void> {
  const now = new Date();
  await withDatabase((db) =>
    db.collection('garages').insertMany(
      garages.map((garage) => ({
        ...garage,
        cityKey: garage.city.toLowerCase(),
        services: ['Vidange', 'Freins'],
        owner: new ObjectId(),
        ownerName: 'Garagiste',
        ownerCount: 1,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  );
}

/** How many sessions of the account are open (not ended): each login on each device opens one. */
export async function openSessionsOf(userId: string): Promise<number> {
  return withDatabase((db) =>
    db.collection('sessions').countDocuments({ user: new ObjectId(userId), revokedAt: null }),
  );
}
