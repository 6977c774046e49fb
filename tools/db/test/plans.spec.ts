import { Db, Document, ObjectId } from 'mongodb';
import { Server, startServer } from './servers';

// The query shapes the API sends: each must search an index, and a sorted page must come
// out of the index in order (no temp B-tree for ORDER BY), on collections of thousands of documents.
const PAGE = 30;
const NEWEST = new ObjectId('ffffffffffffffffffffffff');

let server: Server;
let db: Db;
const ids = {
  conversation: new ObjectId(),
  appointment: new ObjectId(),
  sender: new ObjectId(),
  user: new ObjectId(),
  garage: new ObjectId(),
  message: new ObjectId(),
};

async function seed(): Promise<void> {
  const conversations = Array.from({ length: 8 }, () => new ObjectId());
  const users = Array.from({ length: 20 }, () => new ObjectId());
  const messages = Array.from({ length: 4000 }, (_, i) => ({
    _id: i === 0 ? ids.message : new ObjectId(),
    conversation: i % 4 === 0 ? ids.conversation : conversations[i % 8],
    appointment: i % 5 === 0 ? ids.appointment : undefined,
    sender: i % 2 === 0 ? ids.sender : users[i % 20],
    idempotencyKey: `key-${i}`,
    body: `message ${i}`,
  }));
  const messagesCollection = db.collection('messages');
  await messagesCollection.createIndex({ conversation: 1, _id: 1 });
  await messagesCollection.createIndex({ appointment: 1, _id: 1 });
  await messagesCollection.createIndex({ sender: 1, idempotencyKey: 1 }, { unique: true });
  await messagesCollection.insertMany(messages, { ignoreUndefined: true });

  const conversationsCollection = db.collection('conversations');
  await conversationsCollection.createIndex({ firstUser: 1, firstFolder: 1, activity: -1 });
  await conversationsCollection.createIndex({ secondUser: 1, secondFolder: 1, activity: -1 });
  await conversationsCollection.createIndex({ firstUser: 1, firstFolder: 1, assignment: 1, activity: -1 });
  await conversationsCollection.createIndex({ secondUser: 1, secondFolder: 1, assignment: 1, activity: -1 });
  await conversationsCollection.insertMany(
    Array.from({ length: 3000 }, (_, i) => ({
      _id: new ObjectId(),
      firstUser: i % 3 === 0 ? ids.user : users[i % 20],
      secondUser: i % 3 === 1 ? ids.user : users[(i + 7) % 20],
      firstFolder: i % 5 === 0 ? 'archived' : 'inbox',
      secondFolder: i % 7 === 0 ? 'archived' : 'inbox',
      assignment: i % 4 === 0 ? 'none' : (i % 4 === 1 ? ids.sender : users[i % 20]).toHexString(),
      activity: new ObjectId(),
    })),
  );

  const appointmentsCollection = db.collection('appointments');
  await appointmentsCollection.createIndex({ client: 1, _id: -1 });
  await appointmentsCollection.createIndex({ garage: 1, _id: -1 });
  await appointmentsCollection.insertMany(
    Array.from({ length: 3000 }, (_, i) => ({
      _id: new ObjectId(),
      client: users[i % 20],
      garage: i % 4 === 0 ? ids.garage : users[(i + 3) % 20],
    })),
  );

  const reportsCollection = db.collection('reports');
  await reportsCollection.createIndex({ status: 1, _id: -1 });
  await reportsCollection.insertMany(
    Array.from({ length: 3000 }, (_, i) => ({
      _id: new ObjectId(),
      status: i % 10 === 0 ? 'open' : 'handled',
      ...(i % 10 === 0 ? {} : { handledAt: new Date(Date.UTC(2026, 0, 1 + (i % 300))) }),
    })),
  );

  const garagesCollection = db.collection('garages');
  await garagesCollection.createIndex({ name: 1, _id: 1 });
  await garagesCollection.createIndex({ cityKey: 1, name: 1, _id: 1 });
  await garagesCollection.insertMany(
    Array.from({ length: 3000 }, (_, i) => ({
      _id: new ObjectId(),
      name: `Garage ${i % 300}`,
      cityKey: i % 10 === 0 ? 'orleans' : `ville ${i % 97}`,
    })),
  );
}

beforeAll(async () => {
  server = await startServer('patched');
  db = server.client.db('plans');
  await seed();
});

afterAll(() => server?.stop());

function planOf(explained: Document): string[] {
  return explained['queryPlanner'].Plan as string[];
}

/** Every row of the plan searches the named index: no SCAN, no temp B-tree for ORDER BY. */
function expectIndexSearch(plan: string[], index: string): void {
  const details = plan.map((row) => row.replace(/^.*? detail=/, ''));
  const searches = details.filter((detail) => detail.startsWith('SEARCH '));
  expect(searches.length).toBeGreaterThan(0);
  for (const search of searches) expect(search).toMatch(new RegExp(`USING (COVERING )?INDEX \\S+_${index} \\(`));
  expect(details.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
  expect(details.filter((detail) => detail.includes('USE TEMP B-TREE FOR ORDER BY'))).toEqual([]);
}

const pages = [
  { collection: 'messages', field: 'conversation', value: () => ids.conversation, index: 'conversation_1__id_1' },
  { collection: 'messages', field: 'appointment', value: () => ids.appointment, index: 'appointment_1__id_1' },
  { collection: 'appointments', field: 'garage', value: () => ids.garage, index: 'garage_1__id_-1' },
  { collection: 'appointments', field: 'client', value: () => ids.user, index: 'client_1__id_-1' },
];

describe.each(pages)('$collection page by $field and _id', ({ collection, field, value, index }) => {
  it('newest and before pages search the index in descending _id order', async () => {
    const explained = await db
      .collection(collection)
      .find({ [field]: value(), _id: { $lt: NEWEST } })
      .sort({ _id: -1 })
      .limit(PAGE)
      .explain();
    expect(explained['sortPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), index);
  });

  it('after pages search the index in ascending _id order', async () => {
    const explained = await db
      .collection(collection)
      .find({ [field]: value(), _id: { $gt: ids.message } })
      .sort({ _id: 1 })
      .limit(PAGE)
      .explain();
    expect(explained['sortPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), index);
  });
});

/** The fields the API's list reads of each conversation: a member's own reading, not their team's. */
const LISTED = {
  firstUser: 1,
  secondUser: 1,
  firstFolder: 1,
  secondFolder: 1,
  activity: 1,
  members: 1,
  assignee: 1,
  assigneeName: 1,
  lastMessage: 1,
  clientLastMessage: 1,
  updatedAt: 1,
  [`readers.${ids.sender.toHexString()}`]: 1,
};

const folderLists = ['first', 'second'].flatMap((side) => ['inbox', 'archived'].map((folder) => ({ side, folder })));

describe.each(folderLists)('conversation list by $side user in the $folder folder', ({ side, folder }) => {
  it('searches {user, folder, activity: -1} in activity order', async () => {
    const explained = await db
      .collection('conversations')
      .find({ [`${side}User`]: ids.user, [`${side}Folder`]: folder, activity: { $lt: NEWEST } })
      .project(LISTED)
      .sort({ activity: -1 })
      .limit(PAGE)
      .explain();
    expect(explained['sortPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), `${side}User_1_${side}Folder_1_activity_-1`);
  });
});

const assignmentLists = ['first', 'second'].flatMap((side) =>
  ['none', 'member'].map((assignment) => ({ side, assignment })),
);

describe.each(assignmentLists)('conversation list by $side user, assigned to $assignment', ({ side, assignment }) => {
  it('searches {user, folder, assignment, activity: -1} in activity order', async () => {
    const explained = await db
      .collection('conversations')
      .find({
        [`${side}User`]: ids.user,
        [`${side}Folder`]: 'inbox',
        assignment: assignment === 'none' ? 'none' : ids.sender.toHexString(),
        activity: { $lt: NEWEST },
      })
      .project(LISTED)
      .sort({ activity: -1 })
      .limit(PAGE)
      .explain();
    expect(explained['sortPushdown']).toBe(true);
    const plan = planOf(explained);
    // The stream: the three equalities and the range, on the assignment index.
    expect(plan[0]).toMatch(
      new RegExp(
        `SEARCH \\S+ USING INDEX \\S+_${side}User_1_${side}Folder_1_assignment_1_activity_-1 \\(<expr>=\\? AND <expr>=\\? AND <expr>=\\? AND <expr>>\\? AND <expr><\\?\\)`,
      ),
    );
    // The documents whose fields are arrays (none here) come from branches that may search the
    // folder index by its prefix instead: an index either way.
    expectIndexSearch(plan, `${side}User_1_${side}Folder_1_(assignment_1_)?activity_-1`);
  });
});

describe('lookups', () => {
  it('findOne by sender and idempotency key searches the unique index', async () => {
    const explained = await db
      .collection('messages')
      .find({ sender: ids.sender, idempotencyKey: 'key-2' })
      .limit(1)
      .explain();
    expect(explained['filterPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), 'sender_1_idempotencyKey_1');
  });

  it('countDocuments of a sender after a watermark searches {conversation, _id}', async () => {
    const explained = await db
      .collection('messages')
      .aggregate([
        { $match: { conversation: ids.conversation, sender: ids.sender, _id: { $gt: ids.message } } },
        { $group: { _id: 1, n: { $sum: 1 } } },
      ])
      .explain();
    expect(explained['filterPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), 'conversation_1__id_1');
  });

  it('a find of several ids by $in searches the _id index', async () => {
    const some = await db.collection('conversations').find().limit(5).toArray();
    const explained = await db
      .collection('conversations')
      .find({ _id: { $in: [...some.map(({ _id }) => _id), new ObjectId()] } })
      .explain();
    expect(explained['filterPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), '_id_');
  });

  it.each(['messages', 'conversations', 'appointments'])(
    'findOne by _id searches the _id index of %s',
    async (name) => {
      const explained = await db.collection(name).find({ _id: ids.message }).explain();
      expectIndexSearch(planOf(explained), '_id_');
    },
  );
});

describe('the garage directory', () => {
  it("a city's page and its count search {cityKey, name, _id} (the name order is sorted by FerretDB's handler)", async () => {
    const garages = db.collection('garages');
    const page = await garages
      .find({ cityKey: 'orleans' })
      .sort({ name: 1, _id: 1 })
      .limit(PAGE + 1)
      .explain();
    expect(page['filterPushdown']).toBe(true);
    expectIndexSearch(planOf(page), 'cityKey_1_name_1__id_1');
    // countDocuments, as the driver sends it.
    const count = await garages
      .aggregate([{ $match: { cityKey: 'orleans' } }, { $group: { _id: 1, n: { $sum: 1 } } }])
      .explain();
    expect(count['filterPushdown']).toBe(true);
    expectIndexSearch(planOf(count), 'cityKey_1_name_1__id_1');
  });
});

describe("the admins' reports", () => {
  it.each(['open', 'handled'])('a page of the %s reports searches {status, _id: -1} in _id order', async (status) => {
    const explained = await db
      .collection('reports')
      .find({ status, _id: { $lt: NEWEST } })
      .sort({ _id: -1 })
      .limit(PAGE + 1)
      .explain();
    expect(explained['sortPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), 'status_1__id_-1');
  });

  it('the purge of reports handled long ago searches {status, _id: -1}', async () => {
    const explained = await db
      .collection('reports')
      .find({ status: 'handled', handledAt: { $lt: new Date(Date.UTC(2026, 5, 1)) } })
      .explain();
    expect(explained['filterPushdown']).toBe(true);
    expectIndexSearch(planOf(explained), 'status_1__id_-1');
  });
});

describe('answers', () => {
  it('a history page holds the newest messages of the conversation, newest first', async () => {
    const all = await db.collection('messages').find({ conversation: ids.conversation }).toArray();
    const expected = all
      .map((doc) => doc._id.toHexString())
      .sort()
      .reverse()
      .slice(0, PAGE);
    const page = await db
      .collection('messages')
      .find({ conversation: ids.conversation, _id: { $lt: NEWEST } })
      .sort({ _id: -1 })
      .limit(PAGE)
      .toArray();
    expect(page.map((doc) => doc._id.toHexString())).toEqual(expected);
  });

  it('a folder page holds the newest conversations of that user in that folder, newest first', async () => {
    const all = await db.collection('conversations').find({ firstUser: ids.user }).toArray();
    const expected = all
      .filter((doc) => doc['firstFolder'] === 'archived')
      .map((doc) => doc['activity'].toHexString())
      .sort()
      .reverse()
      .slice(0, PAGE);
    const page = await db
      .collection('conversations')
      .find({ firstUser: ids.user, firstFolder: 'archived', activity: { $lt: NEWEST } })
      .sort({ activity: -1 })
      .limit(PAGE)
      .toArray();
    expect(expected.length).toBe(PAGE);
    expect(page.map((doc) => doc['activity'].toHexString())).toEqual(expected);
  });
});
