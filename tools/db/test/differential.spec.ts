import { BSON, Db, Document } from 'mongodb';
import { Corpus, Query } from './corpus';
import { Server, startServer } from './servers';

// The same generated corpus and queries on the patched FerretDB and on the reference build
// (the pinned FerretDB with only the _id lookup fix): results, order, counts and writes must
// be identical. A query without a sort has no defined order in MongoDB (the index used
// decides it), so those results are compared as sets; every sorted query exactly.
const SEED = 20261128;

const { EJSON } = BSON;

let patched: Server;
let reference: Server;
let corpus: Corpus;

function databases(): [Db, Db] {
  return [patched.client.db('differential'), reference.client.db('differential')];
}

function canonical(docs: Document[], ordered: boolean): string[] {
  const texts = docs.map((doc) => EJSON.stringify(doc, { relaxed: false }));
  return ordered ? texts : texts.sort();
}

function describeQuery(query: Query): string {
  return EJSON.stringify(query, { relaxed: false });
}

async function find(db: Db, query: Query): Promise<Document[]> {
  let cursor = db.collection(query.collection).find(query.filter);
  if (query.sort) cursor = cursor.sort(query.sort);
  if (query.skip) cursor = cursor.skip(query.skip);
  if (query.limit) cursor = cursor.limit(query.limit);
  return cursor.toArray();
}

async function contents(db: Db, collection: string): Promise<string[]> {
  return canonical(await db.collection(collection).find().sort({ seq: 1 }).toArray(), true);
}

beforeAll(async () => {
  [patched, reference] = await Promise.all([startServer('patched'), startServer('reference')]);
  corpus = new Corpus(SEED);
  const collections = corpus.collections();
  for (const db of databases()) {
    for (const { name, indexes, docs } of collections) {
      for (const { key, unique } of indexes) await db.collection(name).createIndex(key, { unique: unique ?? false });
      await db.collection(name).insertMany(docs.map((doc) => ({ ...doc })));
    }
  }
});

afterAll(() => Promise.all([patched?.stop(), reference?.stop()]));

describe('patched and reference FerretDB on the same corpus', () => {
  it('return the same documents in the same order for every generated query', async () => {
    const queries = corpus.queries();
    const [patchedDb, referenceDb] = databases();
    let matched = 0;
    for (const query of queries) {
      const [actual, expected] = await Promise.all([find(patchedDb, query), find(referenceDb, query)]);
      const ordered = query.sort !== undefined;
      expect({ query: describeQuery(query), docs: canonical(actual, ordered) }).toEqual({
        query: describeQuery(query),
        docs: canonical(expected, ordered),
      });
      matched += expected.length;
    }
    expect(queries.length).toBeGreaterThanOrEqual(300);
    // The corpus must exercise the shapes: most pages find something.
    expect(matched).toBeGreaterThan(queries.length * 3);
  });

  it('count the same documents', async () => {
    const [patchedDb, referenceDb] = databases();
    for (let i = 0; i < 60; i++) {
      const page = corpus.pageQuery('messages', ['conversation', 'sender'], '_id');
      const [actual, expected] = await Promise.all(
        [patchedDb, referenceDb].map((db) => db.collection('messages').countDocuments(page.filter)),
      );
      expect({ filter: describeQuery(page), count: actual }).toEqual({ filter: describeQuery(page), count: expected });
    }
  });

  it('update, findAndModify and delete the same documents', async () => {
    const [patchedDb, referenceDb] = databases();
    const both = <T>(write: (db: Db) => Promise<T>) => Promise.all([write(patchedDb), write(referenceDb)]);
    for (let i = 0; i < 20; i++) {
      const updated = corpus.pageQuery('messages', [corpus.pick(['conversation', 'appointment'])], '_id');
      const [updateMany, referenceUpdateMany] = await both((db) =>
        db.collection('messages').updateMany(updated.filter, { $inc: { edits: 1 } }),
      );
      expect(updateMany).toEqual(referenceUpdateMany);

      const modified = corpus.pageQuery('messages', ['conversation'], '_id');
      const [found, referenceFound] = await both((db) =>
        db
          .collection('messages')
          .findOneAndUpdate(
            modified.filter,
            { $set: { touched: i } },
            { sort: modified.sort, returnDocument: 'after' },
          ),
      );
      expect(EJSON.stringify(found)).toEqual(EJSON.stringify(referenceFound));

      const id = corpus.pick(corpus.fresh);
      const [updateOne, referenceUpdateOne] = await both((db) =>
        db.collection('messages').updateOne({ _id: id }, { $set: { byId: i } }),
      );
      expect(updateOne).toEqual(referenceUpdateOne);

      const listed = corpus.folderPageQuery();
      const [folderUpdate, referenceFolderUpdate] = await both((db) =>
        db.collection('conversations').updateMany(listed.filter, { $inc: { edits: 1 } }),
      );
      expect(folderUpdate).toEqual(referenceFolderUpdate);

      const deleted = corpus.pageQuery('appointments', [corpus.pick(['client', 'garage'])], '_id');
      const [deleteMany, referenceDeleteMany] = await both((db) =>
        db.collection('appointments').deleteMany(deleted.filter),
      );
      expect(deleteMany).toEqual(referenceDeleteMany);
    }
    // The API's start-up migration: conversations stored before folders existed go to the inbox.
    for (const field of ['firstFolder', 'secondFolder']) {
      const [migrated, referenceMigrated] = await both((db) =>
        db.collection('conversations').updateMany({ [field]: { $exists: false } }, { $set: { [field]: 'inbox' } }),
      );
      expect(migrated.modifiedCount).toBeGreaterThan(0);
      expect(migrated).toEqual(referenceMigrated);
    }
    for (const collection of ['messages', 'conversations', 'appointments']) {
      const [actual, expected] = await Promise.all([
        contents(patchedDb, collection),
        contents(referenceDb, collection),
      ]);
      expect(actual).toEqual(expected);
    }
  });
});
